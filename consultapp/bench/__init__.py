"""The project's benchmark: a synthetic 50,000-client practice and the budget of PRODUCT.md, as ratios to baselines."""
