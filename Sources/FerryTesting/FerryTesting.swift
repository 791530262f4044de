// Placeholder until the FerryTesting target lands.
