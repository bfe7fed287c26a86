"""The final round: the finalists' scores, the winner and champions, the results."""
