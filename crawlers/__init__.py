"""The Scrapy project: settings, spiders (one per source family), parsers, pipelines."""
