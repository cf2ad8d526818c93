"""Settings for Scrapy's own commands inside the project (`scrapy list`, `scrapy crawl SOURCE`,
`scrapy parse URL`, `scrapy shell URL`), named by scrapy.cfg: the settings the worker crawls
with, and a spider per configured source. Run `mouthpiece db upgrade` once first."""
from crawlers.settings import scrapy_settings

globals().update(scrapy_settings(SPIDER_LOADER_CLASS="crawlers.spiderloader.SourceSpiderLoader"))
