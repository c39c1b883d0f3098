"""homeseat.config."""
