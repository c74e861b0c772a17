"""Stage 2: the resolved model (types.py) and how it is built (resolve.py)."""
