# kernel-port: see Makefile.am
