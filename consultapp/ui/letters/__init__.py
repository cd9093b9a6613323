"""Documents made from a visit besides the care plan: the letter to the family's doctor and the superbill."""
