/* check: semantic checks over a finished script model that depend on the run's configuration. */
#ifndef PARSER_CHECK_H
#define PARSER_CHECK_H

#include "parser/diag.h"
#include "parser/script.h"

/* Checks what needs the wire IP version (4 or 6): ICMP names and mtu rules, ECN on
 * UDP. Reports every problem through d. Returns the number of errors. */
int check_script(const struct script *s, int ip_version, struct diag *d);

#endif
