"""homeseat.core."""
