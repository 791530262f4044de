// Placeholder until the Database target lands.
