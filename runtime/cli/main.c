/* main: the pktdrill entry point; everything happens in cli/cli.c. */
#include "runtime/cli/cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
