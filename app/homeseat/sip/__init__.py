"""homeseat.sip."""
