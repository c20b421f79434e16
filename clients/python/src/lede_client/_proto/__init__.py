"""Generated from proto/lede/v1 by clients/python/generate.py; do not edit."""
