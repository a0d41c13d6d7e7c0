"""The local web app: a JSON API and pages over a readout store (`readout serve`)."""
