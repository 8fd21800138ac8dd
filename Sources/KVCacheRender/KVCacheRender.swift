/// Reports: SVG plots, Markdown and CSV tables.
