"""homeseat.knowledge."""
