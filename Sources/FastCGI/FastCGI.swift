// Placeholder until the FastCGI target lands.
