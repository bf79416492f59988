"""Turn ../shared/reference/*.csv (facts with their source URLs) into data/*.trig.

Run `python -m tools.import_reference [--reference DIR] [--out DIR]`. The output is
deterministic, so re-running it on the same reference files changes nothing; curated
decisions (name aliases, the theme→SDG mapping of ours) live in the code, each explained.
"""
