"""The secretariat's lists, from whichever phase made them."""
