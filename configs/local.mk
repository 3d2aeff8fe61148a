# configs: see Makefile.am
