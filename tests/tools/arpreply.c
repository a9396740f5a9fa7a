/* SPDX-License-Identifier: BSD-2-Clause */
/* arpreply.c - sends one ARP reply with a chosen sender MAC, for esa-etherconfig's multicast tests. */
#include <arpa/inet.h>
#include <err.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/if_ether.h>
#include <netpacket/packet.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

/* "aa:bb:cc:dd:ee:ff" into MAC, or exit 2. */
static void
mac_arg(const char *s, unsigned char mac[6])
{
	unsigned int b[6];
	char end;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &end) != 6)
		errx(2, "%s: not a MAC address", s);
	for (int i = 0; i < 6; i++) {
		if (b[i] > 255)
			errx(2, "%s: not a MAC address", s);
		mac[i] = (unsigned char)b[i];
	}
}

int
main(int argc, char **argv)
{
	struct {
		struct ether_header eth;
		struct ether_arp arp;
	} __attribute__((packed)) f;
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_halen = 6 };
	struct ifreq ifr;
	struct in_addr spa, tpa;
	int fd;

	if (argc != 6)
		errx(2, "usage: arpreply IFACE DST_MAC SENDER_MAC SENDER_IP TARGET_IP");
	if (inet_pton(AF_INET, argv[4], &spa) != 1 || inet_pton(AF_INET, argv[5], &tpa) != 1)
		errx(2, "bad IPv4 address");
	if ((fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ARP))) < 0)
		err(2, "packet socket");
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", argv[1]);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0)
		err(2, "%s", argv[1]);
	if ((sll.sll_ifindex = (int)if_nametoindex(argv[1])) == 0)
		err(2, "%s", argv[1]);
	memset(&f, 0, sizeof(f));
	mac_arg(argv[2], f.eth.ether_dhost);
	/* the frame comes from the interface's own (unicast) MAC; only ARP's sender differs */
	memcpy(f.eth.ether_shost, ifr.ifr_hwaddr.sa_data, 6);
	f.eth.ether_type = htons(ETHERTYPE_ARP);
	f.arp.arp_hrd = htons(ARPHRD_ETHER);
	f.arp.arp_pro = htons(ETHERTYPE_IP);
	f.arp.arp_hln = 6;
	f.arp.arp_pln = 4;
	f.arp.arp_op = htons(ARPOP_REPLY);
	mac_arg(argv[3], f.arp.arp_sha);
	memcpy(f.arp.arp_spa, &spa, 4);
	memcpy(f.arp.arp_tha, f.eth.ether_dhost, 6);
	memcpy(f.arp.arp_tpa, &tpa, 4);
	memcpy(sll.sll_addr, f.eth.ether_dhost, 6);
	if (sendto(fd, &f, sizeof(f), 0, (struct sockaddr *)&sll, sizeof(sll)) != (ssize_t)sizeof(f))
		err(2, "sendto");
	close(fd);
	return 0;
}
