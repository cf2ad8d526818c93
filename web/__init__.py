"""`mouthpiece web`: the analyst's workbench, pages rendered on the server (FastAPI + Jinja2)."""
