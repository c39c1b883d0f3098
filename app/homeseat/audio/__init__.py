"""homeseat.audio."""
