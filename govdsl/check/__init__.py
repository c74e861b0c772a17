"""Stage 3: governance rules over the resolved model (see engine.py and rules/)."""
