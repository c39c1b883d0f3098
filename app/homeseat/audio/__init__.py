"""The microphone path: noise suppression, VAD, meters, the audio check and the call bridge."""
