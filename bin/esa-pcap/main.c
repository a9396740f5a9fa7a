/* SPDX-License-Identifier: BSD-2-Clause */
/* main.c - esa-pcap: the appliance's packetcapture, managed, unattended and loss-free. */
#include <stdio.h>

#include "epcap.h"
#include "esa.h"
#include "front.h"

static const struct front front = { .name = "esa-pcap", .usage = epcap_opts_usage };

/*
 * Parse, then run the command of the table. Only a capture (start, run) acquires and
 * drops privileges: capture.c opens the interface, the directory and the first file,
 * then gives up every privilege (place_drop) before it reads a packet. The other
 * commands read and write the capture directory as their caller, whose files they are.
 */
int
main(int argc, char **argv)
{
	char why[EPCAP_MSG_MAX];
	struct opts o;
	int status, checked;

	front_start(&front);
	front_parsed(epcap_opts_parse(argc, argv, &o, why, sizeof(why)), why);
	setvbuf(stdout, NULL, _IOFBF, 64 * 1024);
	status = o.cmd->run(&o);
	/*
	 * stdout flushed and closed, a write error said and made status 2; but start's
	 * status says whether the capture runs: it does, its name printed or not
	 */
	checked = front_close_stdout(status);
	return o.cmd->flags & CMD_DETACH ? status : checked;
}
