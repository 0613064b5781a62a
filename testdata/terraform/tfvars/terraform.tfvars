memory = 4096
