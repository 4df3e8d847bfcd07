/* check: semantic checks over a finished script model that depend on the run's configuration. */
#ifndef PARSER_CHECK_H
#define PARSER_CHECK_H

#include "parser/diag.h"
#include "parser/script.h"

/* ICMP type/code tables per wire family. Return 0 and the value, or -1 if unknown.
 * Accept "type_N" / "code_N" for arbitrary numbers. */
int icmp_type_lookup(int ip_version, const char *name, int *type);
int icmp_code_lookup(int ip_version, int type, const char *name, int *code);

/* Checks what needs the wire IP version (4 or 6): ICMP names and mtu rules, ECN on
 * UDP. Reports every problem through d. Returns the number of errors. */
int check_script(const struct script *s, int ip_version, struct diag *d);

#endif
