"""homeseat.hub."""
