/* SPDX-License-Identifier: GPL-2.0-only */
/* fuzz_parser: a libFuzzer target running parse_script() and check_script() on any bytes. */
#include <stddef.h>
#include <stdint.h>

#include "parser/check.h"
#include "parser/diag.h"
#include "parser/parse.h"

/* Definitions of the kinds the test suite passes with -D, so that every branch of
 * the lexer's define substitution (WORD, INTEGER, STRING, BACK_QUOTED) is reached. */
static const char *const fuzz_defines[][2] = {
    {"TFO_COOKIE", "3021b9d889017eeb"},
    {"CODE", "host_unreachable"},
    {"FD", "3"},
    {"HEX", "0x10"},
    {"OCT", "010"},
    {"MSG", "\"hello\""},
    {"CMD", "`true`"},
    {"EMPTY", ""},
    {"Q", "\""},
    {"CMSG_LEVEL_IP", "SOL_IP"},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct defines defs = {0};
	struct script *s = NULL;
	struct diag d;

	for (size_t i = 0; i < sizeof(fuzz_defines) / sizeof(fuzz_defines[0]); i++)
		defines_set(&defs, fuzz_defines[i][0], fuzz_defines[i][1]);
	diag_init(&d, "fuzz.pkt", NULL, 0, NULL);
	/* --define option lines extend defs; both must be freed whatever happens */
	if (parse_script("fuzz.pkt", (const char *)data, size, &defs, &d, &s) == 0) {
		check_script(s, 4, &d);
		check_script(s, 6, &d);
		script_free(s);
	}
	diag_summary(&d);
	diag_free(&d);
	defines_free(&defs);
	return 0;
}
