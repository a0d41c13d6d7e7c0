"""Across articles: stories, linked events, accounts (built in a later issue)."""
