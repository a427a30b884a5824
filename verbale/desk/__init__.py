"""The clerk's desk (``verbale serve``): a local web page over a workspace's specs, with a form made from the
JSON Schema of the spec and a live preview of every language from the same composed elements the DOCX writer
places. Starlette (small, explicit, ASGI) served by uvicorn; pages are Jinja2 templates with autoescape; htmx
(one vendored file) sends the form as the clerk types, so the page needs almost no script of its own.
"""
