/* env: the network environment of a run — tun0, its addresses and route, the sniffer. */
#ifndef RUNTIME_ENV_H
#define RUNTIME_ENV_H

#include "runtime/run.h"

/* Creates and configures tun0 and opens the sniffer. Returns 0 or -1 with a message in err. */
int env_setup(struct run *r, struct strbuf *err);
void env_teardown(struct run *r);

#endif
