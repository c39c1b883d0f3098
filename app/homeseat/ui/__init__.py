"""homeseat.ui."""
