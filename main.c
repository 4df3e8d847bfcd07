/* main: the pktdrill entry point; everything happens in runtime/cli.c. */
#include "runtime/cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
