"""homeseat.security."""
