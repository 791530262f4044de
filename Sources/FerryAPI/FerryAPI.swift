// Placeholder until the FerryAPI target lands.
