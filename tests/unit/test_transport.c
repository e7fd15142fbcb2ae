/*
 * TCP, UDP and port-name tests.  Each case is an Ethernet frame built with
 * a script and run through tshark 4.0 (options as in the differential
 * tests: checksums verified, relative sequence numbers off); its expected
 * fields and Info text are what tshark printed, except where a comment
 * says why wiretop differs.  Info texts with a Win= that tshark scaled by a
 * window-scale option seen earlier in its capture use the raw window:
 * wiretop decodes each packet on its own.  Every tcp.*, udp.* and data.* field that a
 * case does not list must be absent.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "decode/decoders.h"
#include "testlib.h"

struct tcase {
	const char	*name;
	size_t		 wirelen;	/* frame length on the wire */
	int		 status;	/* LAYER_* of the TCP/UDP layer */
	const char	*info;
	const char	*hex;
	const char	*fields;	/* "name=value;..." as tshark -T fields */
};

/* Ports 1000 to 2000 with sequence number 1: most crafted segments. */
#define TCP_1000_2000 \
	"tcp.srcport=1000;tcp.dstport=2000;tcp.port=1000,2000;" \
	"tcp.seq=1;tcp.seq_raw=1;"
/* tcp.flags, its bits from res down to fin, and the flag string. */
#define TCP_FLAGS(word, res, ae, cwr, ece, urg, ack, push, reset, syn, fin, \
	    str) \
	"tcp.flags=" word ";tcp.flags.res=" #res ";tcp.flags.ae=" #ae \
	";tcp.flags.cwr=" #cwr ";tcp.flags.ece=" #ece ";tcp.flags.urg=" #urg \
	";tcp.flags.ack=" #ack ";tcp.flags.push=" #push ";tcp.flags.reset=" \
	#reset ";tcp.flags.syn=" #syn ";tcp.flags.fin=" #fin \
	";tcp.flags.str=" str ";"
/* A bare ACK from 1000 to 2000 (ack 5, window 100), hlen header bytes. */
#define TCP_ACK_1000_2000(hlen) TCP_1000_2000 "tcp.ack=5;tcp.ack_raw=5;" \
	"tcp.hdr_len=" #hlen ";" \
	TCP_FLAGS("0x0010", 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, "·······A····") \
	"tcp.window_size_value=100;"
/* The same with a good checksum, no urgent pointer and no payload. */
#define TCP_EMPTY_ACK(hlen, cksum) TCP_ACK_1000_2000(hlen) \
	"tcp.checksum=" cksum ";tcp.checksum.status=1;tcp.urgent_pointer=0;" \
	"tcp.len=0;"
/* Ports 51514 to 9999, and the five-byte "hello" payload. */
#define UDP_51514_9999 \
	"udp.srcport=51514;udp.dstport=9999;udp.port=51514,9999;"
#define UDP_HELLO \
	"udp.payload=68656c6c6f;data.data=68656c6c6f;data.len=5;"

static const struct tcase cases[] = {
	{ "SYN with MSS, SACK_PERM, TS, NOP, WS", 74, LAYER_OK, "51514 → 443 [SYN, ECE, CWR] Seq=123 Win=64240 Len=0 MSS=1460 SACK_PERM TSval=123456 TSecr=0 WS=128",
	    "00112233445566778899aabb08004500003c1234400040063103c0a801025db8"
	    "d822c93a01bb0000007b00000000a0c2faf0a7170000020405b40402080a0001"
	    "e2400000000001030307",
	    "tcp.srcport=51514;tcp.dstport=443;tcp.port=51514,443;tcp.seq=123;"
	    "tcp.seq_raw=123;tcp.ack=0;tcp.ack_raw=0;tcp.hdr_len=40;"
	    TCP_FLAGS("0x00c2", 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, "····CE····S·")
	    "tcp.window_size_value=64240;tcp.checksum=0xa717;"
	    "tcp.checksum.status=1;tcp.urgent_pointer=0;tcp.len=0;"
	    "tcp.options=020405b40402080a0001e2400000000001030307;"
	    "tcp.option_kind=2,4,8,1,3;tcp.option_len=4,2,10,3;"
	    "tcp.options.mss=020405b4;tcp.options.mss_val=1460;"
	    "tcp.options.wscale=030307;tcp.options.wscale.shift=7;"
	    "tcp.options.wscale.multiplier=128;tcp.options.sack_perm=0402;"
	    "tcp.options.timestamp=080a0001e24000000000;"
	    "tcp.options.timestamp.tsval=123456;tcp.options.timestamp.tsecr=0;"
	    "tcp.options.nop=01;" },
	{ "SYN-ACK", 66, LAYER_OK, "443 → 51514 [SYN, ACK] Seq=999 Ack=124 Win=65160 Len=0 MSS=1460 SACK_PERM WS=128",
	    "00112233445566778899aabb080045000034123440004006310b5db8d822c0a8"
	    "010201bbc93a000003e70000007c8012fe88a99a0000020405b4010104020103"
	    "0307",
	    "tcp.srcport=443;tcp.dstport=51514;tcp.port=443,51514;tcp.seq=999;"
	    "tcp.seq_raw=999;tcp.ack=124;tcp.ack_raw=124;tcp.hdr_len=32;"
	    TCP_FLAGS("0x0012", 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, "·······A··S·")
	    "tcp.window_size_value=65160;tcp.checksum=0xa99a;"
	    "tcp.checksum.status=1;tcp.urgent_pointer=0;tcp.len=0;"
	    "tcp.options=020405b40101040201030307;tcp.option_kind=2,1,1,4,1,3;"
	    "tcp.option_len=4,2,3;tcp.options.mss=020405b4;"
	    "tcp.options.mss_val=1460;tcp.options.wscale=030307;"
	    "tcp.options.wscale.shift=7;tcp.options.wscale.multiplier=128;"
	    "tcp.options.sack_perm=0402;tcp.options.nop=01,01,01;" },
	{ "data with SACK blocks", 98, LAYER_OK, "51514 → 443 [PSH, ACK] Seq=124 Ack=1000 Win=502 Len=12 TSval=123457 TSecr=123456 SLE=1000 SRE=2000 SLE=3000 SRE=4000",
	    "00112233445566778899aabb08004500005412344000400630ebc0a801025db8"
	    "d822c93a01bb0000007c000003e8d01801f6da3f00000101080a0001e2410001"
	    "e24001010512000003e8000007d000000bb800000fa068656c6c6f20776f726c"
	    "640a",
	    "tcp.srcport=51514;tcp.dstport=443;tcp.port=51514,443;tcp.seq=124;"
	    "tcp.seq_raw=124;tcp.ack=1000;tcp.ack_raw=1000;tcp.hdr_len=52;"
	    TCP_FLAGS("0x0018", 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, "·······AP···")
	    "tcp.window_size_value=502;tcp.checksum=0xda3f;"
	    "tcp.checksum.status=1;tcp.urgent_pointer=0;tcp.len=12;"
	    "tcp.payload=68656c6c6f20776f726c640a;"
	    "tcp.options=0101080a0001e2410001e24001010512000003e8000007d000000bb800000fa0;"
	    "tcp.option_kind=1,1,8,1,1,5;tcp.option_len=10,18;"
	    "tcp.options.sack=0512000003e8000007d000000bb800000fa0;"
	    "tcp.options.sack_le=1000,3000;tcp.options.sack_re=2000,4000;"
	    "tcp.options.sack.count=2;"
	    "tcp.options.timestamp=080a0001e2410001e240;"
	    "tcp.options.timestamp.tsval=123457;"
	    "tcp.options.timestamp.tsecr=123456;tcp.options.nop=01,01,01,01;"
	    "data.data=68656c6c6f20776f726c640a;data.len=12;" },
	/* tshark decodes this payload as TLS (port 443): no Info of its own
	   there and no data layer; the TCP fields are its own. */
	{ "bad checksum over IPv4", 61, LAYER_BADSUM,
	    "51514 → 443 [ACK] Seq=124 Ack=1000 Win=502 [TCP CHECKSUM INCORRECT] Len=3",
	    "00112233445566778899aabb08004500002f1234400040063110c0a801025db8"
	    "d822c93a01bb0000007c000003e8601001f6123400000101010178797a",
	    "tcp.srcport=51514;tcp.dstport=443;tcp.port=51514,443;tcp.seq=124;"
	    "tcp.seq_raw=124;tcp.ack=1000;tcp.ack_raw=1000;tcp.hdr_len=24;"
	    TCP_FLAGS("0x0010", 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, "·······A····")
	    "tcp.window_size_value=502;tcp.checksum=0x1234;"
	    "tcp.checksum.status=0;tcp.urgent_pointer=0;tcp.len=3;"
	    "tcp.payload=78797a;tcp.options=01010101;tcp.option_kind=1,1,1,1;"
	    "tcp.options.nop=01,01,01,01;data.data=78797a;data.len=3;" },
	{ "IPv6 SYN, good checksum", 78, LAYER_OK, "51514 → 443 [SYN] Seq=123 Win=64240 Len=0 MSS=1440",
	    "00112233445566778899aabb86dd600000000018064020010db8000000000000"
	    "00000000000120010db8000000000000000000000002c93a01bb0000007b0000"
	    "00006002faf076640000020405a0",
	    "tcp.srcport=51514;tcp.dstport=443;tcp.port=51514,443;tcp.seq=123;"
	    "tcp.seq_raw=123;tcp.ack=0;tcp.ack_raw=0;tcp.hdr_len=24;"
	    TCP_FLAGS("0x0002", 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, "··········S·")
	    "tcp.window_size_value=64240;tcp.checksum=0x7664;"
	    "tcp.checksum.status=1;tcp.urgent_pointer=0;tcp.len=0;"
	    "tcp.options=020405a0;tcp.option_kind=2;tcp.option_len=4;"
	    "tcp.options.mss=020405a0;tcp.options.mss_val=1440;" },
	{ "IPv6 SYN, bad checksum", 78, LAYER_BADSUM, "51514 → 443 [SYN] Seq=123 Win=64240 [TCP CHECKSUM INCORRECT] Len=0 MSS=1440",
	    "00112233445566778899aabb86dd600000000018064020010db8000000000000"
	    "00000000000120010db8000000000000000000000002c93a01bb0000007b0000"
	    "00006002faf0beef0000020405a0",
	    "tcp.srcport=51514;tcp.dstport=443;tcp.port=51514,443;tcp.seq=123;"
	    "tcp.seq_raw=123;tcp.ack=0;tcp.ack_raw=0;tcp.hdr_len=24;"
	    TCP_FLAGS("0x0002", 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, "··········S·")
	    "tcp.window_size_value=64240;tcp.checksum=0xbeef;"
	    "tcp.checksum.status=0;tcp.urgent_pointer=0;tcp.len=0;"
	    "tcp.options=020405a0;tcp.option_kind=2;tcp.option_len=4;"
	    "tcp.options.mss=020405a0;tcp.options.mss_val=1440;" },
	{ "all flags and urgent pointer", 54, LAYER_OK, "1000 → 2000 [FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE, Reserved] Seq=1 Ack=5 Win=100 Urg=7 Len=0",
	    "00112233445566778899aabb0800450000281234400040063117c0a801025db8"
	    "d82203e807d000000001000000055fff00649c370007",
	    TCP_1000_2000 "tcp.ack=5;tcp.ack_raw=5;tcp.hdr_len=20;"
	    TCP_FLAGS("0x0fff", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, "RRRACEUAPRSF")
	    "tcp.window_size_value=100;tcp.checksum=0x9c37;"
	    "tcp.checksum.status=1;tcp.urgent_pointer=7;tcp.len=0;" },
	{ "SYN with a stray ack number", 54, LAYER_OK, "1000 → 2000 [SYN] Seq=1 Win=100 Len=0",
	    "00112233445566778899aabb0800450000281234400040063117c0a801025db8"
	    "d82203e807d0000000010000000550020064ac3b0000",
	    TCP_1000_2000 "tcp.ack=5;tcp.ack_raw=5;tcp.hdr_len=20;"
	    TCP_FLAGS("0x0002", 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, "··········S·")
	    "tcp.window_size_value=100;tcp.checksum=0xac3b;"
	    "tcp.checksum.status=1;tcp.urgent_pointer=0;tcp.len=0;" },
	{ "unknown option kind 99", 58, LAYER_OK, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100 Len=0",
	    "00112233445566778899aabb08004500002c1234400040063113c0a801025db8"
	    "d82203e807d00000000100000005601000643823000063040102",
	    TCP_EMPTY_ACK(24, "0x3823")
	    "tcp.options=63040102;tcp.option_kind=99;tcp.option_len=4;"
	    "tcp.options.unknown=63040102;tcp.options.unknown.payload=0102;" },
	{ "option length 0", 58, LAYER_MALFORMED, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100 Len=0",
	    "00112233445566778899aabb08004500002c1234400040063113c0a801025db8"
	    "d82203e807d00000000100000005601000649a29000002000000",
	    TCP_EMPTY_ACK(24, "0x9a29") "tcp.options=02000000;" },
	{ "option length 1", 58, LAYER_MALFORMED, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100 Len=0",
	    "00112233445566778899aabb08004500002c1234400040063113c0a801025db8"
	    "d82203e807d00000000100000005601000649a28000002010000",
	    TCP_EMPTY_ACK(24, "0x9a28") "tcp.options=02010000;" },
	{ "option length past the header", 58, LAYER_MALFORMED, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100 Len=0",
	    "00112233445566778899aabb08004500002c1234400040063113c0a801025db8"
	    "d82203e807d00000000100000005601000649a21000002080000",
	    TCP_EMPTY_ACK(24, "0x9a21") "tcp.options=02080000;" },
	{ "data offset below 5", 54, LAYER_MALFORMED, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100, bogus TCP header length (16, must be at least 20)",
	    "00112233445566778899aabb0800450000281234400040063117c0a801025db8"
	    "d82203e807d0000000010000000540100064bc2d0000",
	    TCP_1000_2000 "tcp.hdr_len=16;tcp.len=4;" },
	{ "window scale with length 2", 58, LAYER_OK, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100 Len=0",
	    "00112233445566778899aabb08004500002c1234400040063113c0a801025db8"
	    "d82203e807d00000000100000005601000649927000003020000",
	    TCP_EMPTY_ACK(24, "0x9927")
	    "tcp.options=03020000;tcp.option_kind=3,0,0;tcp.option_len=2;"
	    "tcp.options.wscale=0302;tcp.options.eol=00,00;" },
	{ "window scale shift 255", 58, LAYER_OK, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100 Len=0 WS=16384",
	    "00112233445566778899aabb08004500002c1234400040063113c0a801025db8"
	    "d82203e807d00000000100000005601000649a2500000303ff00",
	    TCP_EMPTY_ACK(24, "0x9a25")
	    "tcp.options=0303ff00;tcp.option_kind=3,0;tcp.option_len=3;"
	    "tcp.options.wscale=0303ff;tcp.options.wscale.shift=255;"
	    "tcp.options.wscale.multiplier=16384;tcp.options.eol=00;" },
	{ "D-SACK below the ack", 66, LAYER_OK, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100 Len=0 SLE=1 SRE=2",
	    "00112233445566778899aabb080045000034123440004006310bc0a801025db8"
	    "d82203e807d000000001000000058010006477140000050a0000000100000002"
	    "0000",
	    TCP_EMPTY_ACK(32, "0x7714")
	    "tcp.options=050a00000001000000020000;tcp.option_kind=5,0,0;"
	    "tcp.option_len=10;tcp.options.sack=050a0000000100000002;"
	    "tcp.options.sack_le=1;tcp.options.sack_re=2;"
	    "tcp.options.sack.count=1;tcp.options.sack.dsack_le=1;"
	    "tcp.options.sack.dsack_re=2;tcp.options.eol=00,00;" },
	{ "SACK with a partial block", 66, LAYER_OK, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100 Len=0 SLE=1 SRE=2",
	    "00112233445566778899aabb080045000034123440004006310bc0a801025db8"
	    "d82203e807d000000001000000058010006477130000050b0000000100000002"
	    "0000",
	    TCP_EMPTY_ACK(32, "0x7713")
	    "tcp.options=050b00000001000000020000;tcp.option_kind=5,0;"
	    "tcp.option_len=11;tcp.options.sack=050b000000010000000200;"
	    "tcp.options.sack_le=1;tcp.options.sack_re=2;"
	    "tcp.options.sack.count=1;tcp.options.sack.dsack_le=1;"
	    "tcp.options.sack.dsack_re=2;tcp.options.eol=00;" },
	{ "EOL then non-zero padding", 58, LAYER_OK, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100 Len=0",
	    "00112233445566778899aabb08004500002c1234400040063113c0a801025db8"
	    "d82203e807d00000000100000005601000649a25000000010203",
	    TCP_EMPTY_ACK(24, "0x9a25")
	    "tcp.options=00010203;tcp.option_kind=0;tcp.options.eol=00;" },
	{ "payload cut by the snap length", 62, LAYER_TRUNCATED, "1000 → 2000 [PSH, ACK] Seq=1 Ack=5 Win=100 Len=8",
	    "00112233445566778899aabb080045000030123440004006310fc0a801025db8"
	    "d82203e807d00000000100000005501800641a88000061626364",
	    TCP_1000_2000 "tcp.ack=5;tcp.ack_raw=5;tcp.hdr_len=20;"
	    TCP_FLAGS("0x0018", 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, "·······AP···")
	    "tcp.window_size_value=100;tcp.checksum=0x1a88;"
	    "tcp.checksum.status=2;tcp.urgent_pointer=0;tcp.len=8;"
	    "tcp.payload=61626364;data.data=61626364;data.len=4;" },
	{ "unknown kind 202 then EOL padding", 62, LAYER_OK, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100 Len=0",
	    "00112233445566778899aabb080045000030123440004006310fc0a801025db8"
	    "d82203e807d0000000010000000570100064c11e0000ca04010200000000",
	    TCP_EMPTY_ACK(28, "0xc11e")
	    "tcp.options=ca04010200000000;tcp.option_kind=202,0,0,0,0;"
	    "tcp.option_len=4;tcp.options.eol=00,00,00,00;"
	    "tcp.options.unknown=ca040102;tcp.options.unknown.payload=0102;" },
	{ "no flags, EOL padding", 58, LAYER_OK, "1000 → 2000 [<None>] Seq=1 Win=100 Len=0",
	    "00112233445566778899aabb08004500002c1234400040063113c0a801025db8"
	    "d82203e807d00000000100000005600000649b39000000000100",
	    TCP_1000_2000 "tcp.ack=5;tcp.ack_raw=5;tcp.hdr_len=24;"
	    TCP_FLAGS("0x0000", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "············")
	    "tcp.window_size_value=100;tcp.checksum=0x9b39;"
	    "tcp.checksum.status=1;tcp.urgent_pointer=0;tcp.len=0;"
	    "tcp.options=00000100;tcp.option_kind=0,0;tcp.options.eol=00,00;" },
	{ "URG with unnamed kind 10", 62, LAYER_OK, "1000 → 2000 [URG] Seq=1 Win=100 Urg=3 Len=0",
	    "00112233445566778899aabb080045000030123440004006310fc0a801025db8"
	    "d82203e807d0000000010000000570200064820e00030a04000000000000",
	    TCP_1000_2000 "tcp.ack=5;tcp.ack_raw=5;tcp.hdr_len=28;"
	    TCP_FLAGS("0x0020", 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, "······U·····")
	    "tcp.window_size_value=100;tcp.checksum=0x820e;"
	    "tcp.checksum.status=1;tcp.urgent_pointer=3;tcp.len=0;"
	    "tcp.options=0a04000000000000;tcp.option_kind=10,0,0,0,0;"
	    "tcp.option_len=4;tcp.options.eol=00,00,00,00;"
	    "tcp.options.unknown=0a040000;tcp.options.unknown.payload=0000;" },
	{ "timestamps", 66, LAYER_OK, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100 Len=0 TSval=1 TSecr=2",
	    "00112233445566778899aabb080045000034123440004006310bc0a801025db8"
	    "d82203e807d000000001000000058010006474140000080a0000000100000002"
	    "0000",
	    TCP_EMPTY_ACK(32, "0x7414")
	    "tcp.options=080a00000001000000020000;tcp.option_kind=8,0,0;"
	    "tcp.option_len=10;tcp.options.timestamp=080a0000000100000002;"
	    "tcp.options.timestamp.tsval=1;tcp.options.timestamp.tsecr=2;"
	    "tcp.options.eol=00,00;" },
	{ "SACK without a complete block", 62, LAYER_MALFORMED, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100 Len=0[Malformed Packet]",
	    "00112233445566778899aabb080045000030123440004006310fc0a801025db8"
	    "d82203e807d0000000010000000570100064871c00000508000000010000",
	    TCP_EMPTY_ACK(28, "0x871c")
	    "tcp.options=0508000000010000;tcp.option_kind=5;tcp.option_len=8;"
	    "tcp.options.sack=0508000000010000;tcp.options.sack_le=1;"
	    "tcp.options.sack.count=0;tcp.options.sack.dsack_le=1;" },
	{ "SACK_PERM with length 3", 58, LAYER_OK, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100 Len=0 SACK_PERM",
	    "00112233445566778899aabb08004500002c1234400040063113c0a801025db8"
	    "d82203e807d00000000100000005601000649826000004030000",
	    TCP_EMPTY_ACK(24, "0x9826")
	    "tcp.options=04030000;tcp.option_kind=4,0;tcp.option_len=3;"
	    "tcp.options.sack_perm=040300;tcp.options.eol=00;" },
	{ "unknown kind without length byte room", 58, LAYER_MALFORMED, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100 Len=0",
	    "00112233445566778899aabb08004500002c1234400040063113c0a801025db8"
	    "d82203e807d00000000100000005601000643929000063000000",
	    TCP_EMPTY_ACK(24, "0x3929") "tcp.options=63000000;" },
	{ "bad checksum with URG", 54, LAYER_BADSUM, "1000 → 2000 [ACK, URG] Seq=1 Ack=5 Win=100 [TCP CHECKSUM INCORRECT] Urg=9 Len=0",
	    "00112233445566778899aabb0800450000281234400040063117c0a801025db8"
	    "d82203e807d000000001000000055030006411110009",
	    TCP_1000_2000 "tcp.ack=5;tcp.ack_raw=5;tcp.hdr_len=20;"
	    TCP_FLAGS("0x0030", 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, "······UA····")
	    "tcp.window_size_value=100;tcp.checksum=0x1111;"
	    "tcp.checksum.status=0;tcp.urgent_pointer=9;tcp.len=0;" },
	{ "experimental option with ExID", 58, LAYER_OK, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100 Len=0 ExID=ABC",
	    "00112233445566778899aabb08004500002c1234400040063113c0a801025db8"
	    "d82203e807d000000001000000056010006493680000fe040abc",
	    TCP_EMPTY_ACK(24, "0x9368")
	    "tcp.options=fe040abc;tcp.option_kind=254;tcp.option_len=4;"
	    "tcp.options.experimental=fe040abc;"
	    "tcp.options.experimental.exid=0x0abc;" },
	{ "UDP good checksum", 47, LAYER_OK, "51514 → 9999 Len=5",
	    "00112233445566778899aabb0800450000211234400040113113c0a801025db8"
	    "d822c93a270f000dd43268656c6c6f",
	    UDP_51514_9999
	    "udp.length=13;udp.checksum=0xd432;udp.checksum.status=1;"
	    UDP_HELLO },
	{ "UDP zero checksum over IPv4", 47, LAYER_OK, "51514 → 9999 Len=5",
	    "00112233445566778899aabb0800450000211234400040113113c0a801025db8"
	    "d822c93a270f000d000068656c6c6f",
	    UDP_51514_9999
	    "udp.length=13;udp.checksum=0x0000;udp.checksum.status=3;"
	    UDP_HELLO },
	{ "UDP bad checksum", 47, LAYER_BADSUM, "51514 → 9999 Len=5 [UDP CHECKSUM INCORRECT]",
	    "00112233445566778899aabb0800450000211234400040113113c0a801025db8"
	    "d822c93a270f000d123468656c6c6f",
	    UDP_51514_9999
	    "udp.length=13;udp.checksum=0x1234;udp.checksum.status=0;"
	    UDP_HELLO },
	{ "UDP length 7", 47, LAYER_MALFORMED, "51514 → 9999 [BAD UDP LENGTH 7 < 8]",
	    "00112233445566778899aabb0800450000211234400040113113c0a801025db8"
	    "d822c93a270f0007000068656c6c6f",
	    UDP_51514_9999 "udp.length=7;" },
	{ "UDP length past the IP payload", 47, LAYER_MALFORMED, "51514 → 9999 [BAD UDP LENGTH 20 > IP PAYLOAD LENGTH] Len=12",
	    "00112233445566778899aabb0800450000211234400040113113c0a801025db8"
	    "d822c93a270f0014000068656c6c6f",
	    UDP_51514_9999
	    "udp.length=20;udp.checksum=0x0000;udp.checksum.status=3;"
	    UDP_HELLO },
	{ "UDP length shorter than the IP payload", 47, LAYER_OK, "51514 → 9999 Len=2",
	    "00112233445566778899aabb0800450000211234400040113113c0a801025db8"
	    "d822c93a270f000a000068656c6c6f",
	    UDP_51514_9999
	    "udp.length=10;udp.checksum=0x0000;udp.checksum.status=3;"
	    "udp.payload=68656c6c6f;data.data=6865;data.len=2;" },
	{ "UDP over IPv6", 67, LAYER_OK, "51514 → 9999 Len=5",
	    "00112233445566778899aabb86dd60000000000d114020010db8000000000000"
	    "00000000000120010db8000000000000000000000002c93a270f000d70436865"
	    "6c6c6f",
	    UDP_51514_9999
	    "udp.length=13;udp.checksum=0x7043;udp.checksum.status=1;"
	    UDP_HELLO },
	{ "UDP zero checksum over IPv6", 67, LAYER_BADSUM, "51514 → 9999 Len=5 [ILLEGAL CHECKSUM (0)]",
	    "00112233445566778899aabb86dd60000000000d114020010db8000000000000"
	    "00000000000120010db8000000000000000000000002c93a270f000d00006865"
	    "6c6c6f",
	    UDP_51514_9999
	    "udp.length=13;udp.checksum=0x0000;udp.checksum.status=4;"
	    UDP_HELLO },
	{ "UDP without payload", 42, LAYER_OK, "51514 → 9999 Len=0",
	    "00112233445566778899aabb08004500001c1234400040113118c0a801025db8"
	    "d822c93a270f0008180f",
	    UDP_51514_9999
	    "udp.length=8;udp.checksum=0x180f;udp.checksum.status=1;" },
	{ "UDP cut by the snap length", 53, LAYER_TRUNCATED, "51514 → 9999 Len=11",
	    "00112233445566778899aabb080045000027123440004011310dc0a801025db8"
	    "d822c93a270f0013862a68656c6c6f2077",
	    UDP_51514_9999
	    "udp.length=19;udp.checksum=0x862a;udp.checksum.status=2;"
	    "udp.payload=68656c6c6f2077;data.data=68656c6c6f2077;data.len=7;" },
	{ "UDP length 0", 47, LAYER_MALFORMED, "51514 → 9999 [BAD UDP LENGTH 0 < 8]",
	    "00112233445566778899aabb0800450000211234400040113113c0a801025db8"
	    "d822c93a270f0000000068656c6c6f",
	    UDP_51514_9999 "udp.length=0;" },
	{ "data offset past the segment", 54, LAYER_MALFORMED, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100[Malformed Packet]",
	    "00112233445566778899aabb0800450000281234400040063117c0a801025db8"
	    "d82203e807d00000000100000005801000647c2d0000",
	    TCP_ACK_1000_2000(32)
	    "tcp.checksum=0x7c2d;tcp.checksum.status=1;tcp.urgent_pointer=0;"
	    "tcp.options=<MISSING>;" },
	{ "NOP, EOL, EOL, non-zero padding", 58, LAYER_OK, "1000 → 2000 [<None>] Seq=1 Win=100 Len=0",
	    "00112233445566778899aabb08004500002c1234400040063113c0a801025db8"
	    "d82203e807d00000000100000005600000649b38000001000001",
	    TCP_1000_2000 "tcp.ack=5;tcp.ack_raw=5;tcp.hdr_len=24;"
	    TCP_FLAGS("0x0000", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "············")
	    "tcp.window_size_value=100;tcp.checksum=0x9b38;"
	    "tcp.checksum.status=1;tcp.urgent_pointer=0;tcp.len=0;"
	    "tcp.options=01000001;tcp.option_kind=1,0,0;tcp.options.nop=01;"
	    "tcp.options.eol=00,00;" },
	{ "SACK of length 2", 58, LAYER_MALFORMED, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100 Len=0[Malformed Packet]",
	    "00112233445566778899aabb08004500002c1234400040063113c0a801025db8"
	    "d82203e807d00000000100000005601000649727000005020000",
	    TCP_EMPTY_ACK(24, "0x9727")
	    "tcp.options=05020000;tcp.option_kind=5;tcp.option_len=2;"
	    "tcp.options.sack=0502;tcp.options.sack.count=0;" },
	{ "MSS with length 5", 62, LAYER_OK, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100 Len=0",
	    "00112233445566778899aabb080045000030123440004006310fc0a801025db8"
	    "d82203e807d00000000100000005701000648a2000000205000000000000",
	    TCP_EMPTY_ACK(28, "0x8a20")
	    "tcp.options=0205000000000000;tcp.option_kind=2,0,0,0;"
	    "tcp.option_len=5;tcp.options.mss=0205000000;"
	    "tcp.options.eol=00,00,00;" },
	{ "two NOPs then EOL padding", 58, LAYER_OK, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100 Len=0",
	    "00112233445566778899aabb08004500002c1234400040063113c0a801025db8"
	    "d82203e807d00000000100000005601000649b28000001010000",
	    TCP_EMPTY_ACK(24, "0x9b28")
	    "tcp.options=01010000;tcp.option_kind=1,1,0,0;"
	    "tcp.options.nop=01,01;tcp.options.eol=00,00;" },
	{ "unknown kind in the last option byte", 58, LAYER_MALFORMED, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100 Len=0",
	    "00112233445566778899aabb08004500002c1234400040063113c0a801025db8"
	    "d82203e807d000000001000000056010006499c5000001010163",
	    TCP_EMPTY_ACK(24, "0x99c5")
	    "tcp.options=01010163;tcp.option_kind=1,1,1;"
	    "tcp.options.nop=01,01,01;" },
	{ "MSS kind in the last option byte", 58, LAYER_MALFORMED, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100 Len=0",
	    "00112233445566778899aabb08004500002c1234400040063113c0a801025db8"
	    "d82203e807d00000000100000005601000649a26000001010102",
	    TCP_EMPTY_ACK(24, "0x9a26")
	    "tcp.options=01010102;tcp.option_kind=1,1,1;"
	    "tcp.options.nop=01,01,01;" },
	{ "experimental option of length 2", 62, LAYER_OK, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100 Len=0",
	    "00112233445566778899aabb080045000030123440004006310fc0a801025db8"
	    "d82203e807d00000000100000005701000648e220000fe02000000000000",
	    TCP_EMPTY_ACK(28, "0x8e22")
	    "tcp.options=fe02000000000000;tcp.option_kind=254,0,0,0,0,0,0;"
	    "tcp.option_len=2;tcp.options.eol=00,00,00,00,00,00;"
	    "tcp.options.experimental=fe02;" },
	{ "experimental option of length 3", 62, LAYER_OK, "1000 → 2000 [ACK] Seq=1 Ack=5 Win=100 Len=0",
	    "00112233445566778899aabb080045000030123440004006310fc0a801025db8"
	    "d82203e807d0000000010000000570100064e4200000fd03ab0000000000",
	    TCP_EMPTY_ACK(28, "0xe420")
	    "tcp.options=fd03ab0000000000;tcp.option_kind=253,0,0,0,0,0;"
	    "tcp.option_len=3;tcp.options.eol=00,00,00,00,00;"
	    "tcp.options.experimental=fd03ab;" },
	{ "D-SACK inside the second block", 74, LAYER_OK, "1000 → 2000 [ACK] Seq=1 Ack=500 Win=100 Len=0 SLE=1000 SRE=2000 SLE=900 SRE=2500",
	    "00112233445566778899aabb08004500003c1234400040063103c0a801025db8"
	    "d82203e807d000000001000001f4a01000643c1800000512000003e8000007d0"
	    "00000384000009c40000",
	    TCP_1000_2000 "tcp.ack=500;tcp.ack_raw=500;tcp.hdr_len=40;"
	    TCP_FLAGS("0x0010", 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, "·······A····")
	    "tcp.window_size_value=100;tcp.checksum=0x3c18;"
	    "tcp.checksum.status=1;tcp.urgent_pointer=0;tcp.len=0;"
	    "tcp.options=0512000003e8000007d000000384000009c40000;"
	    "tcp.option_kind=5,0,0;tcp.option_len=18;"
	    "tcp.options.sack=0512000003e8000007d000000384000009c4;"
	    "tcp.options.sack_le=1000,900;tcp.options.sack_re=2000,2500;"
	    "tcp.options.sack.count=2;tcp.options.sack.dsack_le=1000;"
	    "tcp.options.sack.dsack_re=2000;tcp.options.eol=00,00;" },
	{ "SACK above the ack: no D-SACK", 66, LAYER_OK, "1000 → 2000 [ACK] Seq=1 Ack=500 Win=100 Len=0 SLE=1000 SRE=2000",
	    "00112233445566778899aabb080045000034123440004006310bc0a801025db8"
	    "d82203e807d000000001000001f48010006469700000050a000003e8000007d0"
	    "0000",
	    TCP_1000_2000 "tcp.ack=500;tcp.ack_raw=500;tcp.hdr_len=32;"
	    TCP_FLAGS("0x0010", 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, "·······A····")
	    "tcp.window_size_value=100;tcp.checksum=0x6970;"
	    "tcp.checksum.status=1;tcp.urgent_pointer=0;tcp.len=0;"
	    "tcp.options=050a000003e8000007d00000;tcp.option_kind=5,0,0;"
	    "tcp.option_len=10;tcp.options.sack=050a000003e8000007d0;"
	    "tcp.options.sack_le=1000;tcp.options.sack_re=2000;"
	    "tcp.options.sack.count=1;tcp.options.eol=00,00;" },
	{ "UDP too long with a checksum", 47, LAYER_MALFORMED, "51514 → 9999 [BAD UDP LENGTH 20 > IP PAYLOAD LENGTH] Len=12",
	    "00112233445566778899aabb0800450000211234400040113113c0a801025db8"
	    "d822c93a270f0014123468656c6c6f",
	    UDP_51514_9999
	    "udp.length=20;udp.checksum=0x1234;udp.checksum.status=2;"
	    UDP_HELLO },
	{ "UDP checksum over the declared length", 47, LAYER_BADSUM, "51514 → 9999 Len=2 [UDP CHECKSUM INCORRECT]",
	    "00112233445566778899aabb0800450000211234400040113113c0a801025db8"
	    "d822c93a270f000ad43568656c6c6f",
	    UDP_51514_9999
	    "udp.length=10;udp.checksum=0xd435;udp.checksum.status=0;"
	    "udp.payload=68656c6c6f;data.data=6865;data.len=2;" },
	{ "RST with a reset cause", 67, LAYER_OK, "80 → 52875 [RST, ACK] Seq=7 Ack=9 Win=0 Len=13",
	    "00112233445566778899aabb080045000035123440004006310ac0a801025db8"
	    "d8220050ce8b00000007000000095014000070700000636f6e6e207265736574"
	    "00aabb",
	    "tcp.srcport=80;tcp.dstport=52875;tcp.port=80,52875;"
	    "tcp.seq=7;tcp.seq_raw=7;tcp.ack=9;tcp.ack_raw=9;"
	    "tcp.hdr_len=20;tcp.flags=0x0014;tcp.flags.res=0;"
	    "tcp.flags.ae=0;tcp.flags.cwr=0;tcp.flags.ece=0;"
	    "tcp.flags.urg=0;tcp.flags.ack=1;tcp.flags.push=0;"
	    "tcp.flags.reset=1;tcp.flags.syn=0;tcp.flags.fin=0;"
	    "tcp.flags.str=·······A·R··;tcp.reset_cause=conn reset;"
	    "tcp.window_size_value=0;tcp.checksum=0x7070;"
	    "tcp.checksum.status=1;tcp.urgent_pointer=0;tcp.len=13;" },
};

/* Is name listed in a "name=value;..." string? */
static bool
listed(const char *fields, const char *name)
{
	size_t n = strlen(name);
	const char *p = fields;

	while ((p = strstr(p, name)) != NULL) {
		if ((p == fields || p[-1] == ';') && p[n] == '=')
			return true;
		p += n;
	}
	return false;
}

struct absent_arg {
	const struct tl_result	*r;
	const struct tcase	*tc;
};

/* A field of ours that the case does not list must not be reported. */
static void
check_absent(const struct field_def *f, void *arg)
{
	const struct absent_arg *a = arg;
	char what[200];

	if (strncmp(f->name, "tcp.", 4) != 0 &&
	    strncmp(f->name, "udp.", 4) != 0 &&
	    strncmp(f->name, "data.", 5) != 0)
		return;
	if (listed(a->tc->fields, f->name))
		return;
	snprintf(what, sizeof what, "%s: %s absent (got \"%s\")", a->tc->name,
	    f->name, tl_all(a->r, f->name));
	tl_check(tl_count(a->r, f->name) == 0, what, __FILE__, __LINE__);
}

/* Decode one case and compare with what tshark printed. */
static void
run_case(const struct tcase *tc)
{
	const struct tl_result *r;
	struct absent_arg a;
	char name[128], want[512], what[800];
	const char *p, *eq, *end;
	size_t n;
	enum proto_id proto;

	n = tl_load(tc->hex);
	proto = strncmp(tc->fields, "udp.", 4) == 0 ? P_UDP : P_TCP;
	r = tl_dissect(LINK_ETHERNET, tl_frame, n, tc->wirelen);
	snprintf(what, sizeof what, "%s: layer opened", tc->name);
	tl_check(tl_has(r, proto), what, __FILE__, __LINE__);
	for (p = tc->fields; *p != '\0'; p = *end ? end + 1 : end) {
		const char *got;

		end = strchr(p, ';');
		if (end == NULL)
			end = p + strlen(p);
		eq = memchr(p, '=', (size_t)(end - p));
		if (eq == NULL || end - p >= (long)sizeof want)
			continue;
		snprintf(name, sizeof name, "%.*s", (int)(eq - p), p);
		snprintf(want, sizeof want, "%.*s", (int)(end - eq - 1), eq + 1);
		got = tl_all(r, name);
		snprintf(what, sizeof what, "%s: %s is \"%s\", want \"%s\"",
		    tc->name, name, got, want);
		tl_check(strcmp(got, want) == 0, what, __FILE__, __LINE__);
	}
	a.r = r;
	a.tc = tc;
	field_foreach(check_absent, &a);
	snprintf(what, sizeof what, "%s: status %d, want %d", tc->name,
	    tl_status(r, proto), tc->status);
	tl_check(tl_status(r, proto) == tc->status, what, __FILE__, __LINE__);
	snprintf(what, sizeof what, "%s: info \"%s\", want \"%s\"", tc->name,
	    r->pi.info, tc->info);
	tl_check(strcmp(r->pi.info, tc->info) == 0, what, __FILE__, __LINE__);
	CHECK_INT(r->errors, 0);
	tl_prefixes(LINK_ETHERNET, tl_frame, n);
}

/* The case of that name. */
static const struct tcase *
find_case(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (strcmp(cases[i].name, name) == 0)
			return &cases[i];
	return &cases[0];
}

/* The fast pass fills the flow key's ports and the TCP flags. */
static void
test_summary(void)
{
	const struct tl_result *r;
	const struct pkt_info *pi;

	pi = tl_summary(LINK_ETHERNET, cases[0].hex);	/* SYN, ECE, CWR */
	CHECK_INT(pi->ipver, 4);
	CHECK_INT(pi->l4proto, 6);
	CHECK_INT(pi->sport, 51514);
	CHECK_INT(pi->dport, 443);
	CHECK_INT(pi->tcpflags, 0xc2);
	CHECK(pi->protos & (1u << P_TCP));
	CHECK_INT(pi->top, P_TCP);
	CHECK_STR(pi->info, cases[0].info);

	/* Cut inside the TCP ports: no ports, truncated, no crash. */
	r = tl_dissect(LINK_ETHERNET, tl_frame, 14 + 20 + 3, tl_frame_len);
	CHECK_INT(r->pi.sport, 0);
	CHECK_INT(tl_status(r, P_TCP), LAYER_TRUNCATED);

	pi = tl_summary(LINK_ETHERNET, find_case("UDP good checksum")->hex);
	CHECK_INT(pi->l4proto, 17);
	CHECK_INT(pi->sport, 51514);
	CHECK_INT(pi->dport, 9999);
	CHECK_INT(pi->tcpflags, 0);
	CHECK_INT(pi->top, P_UDP);
	CHECK_INT(pi->status, LAYER_OK);
}

/* Payloads go to the decoder of their port, lower port first. */
static void
test_dispatch(void)
{
	static const struct {
		const char	*hex;
		enum proto_id	 proto;
	} d[] = {
		/* UDP 40000 -> 53 */
		{ "00112233445566778899aabb08004500003812344000401130fcc0a80102"
		  "5db8d8229c400035002432c21234010000010000000000000765786d706c"
		  "6503636f6d0000010001", P_DNS },
		/* UDP 5353 -> 5353 */
		{ "00112233445566778899aabb08004500003812344000401130fcc0a80102"
		  "5db8d82214e914e90024a5651234010000010000000000000765786d706c"
		  "6503636f6d0000010001", P_MDNS },
		/* UDP 40000 -> 5355 */
		{ "00112233445566778899aabb08004500003812344000401130fcc0a80102"
		  "5db8d8229c4014eb00241e0c1234010000010000000000000765786d706c"
		  "6503636f6d0000010001", P_LLMNR },
		/* UDP 40000 -> 4789 carrying Ethernet/IPv4/TCP */
		{ "00112233445566778899aabb08004500005a12344000401130dac0a80102"
		  "5db8d8229c4012b500463f21080000000000010000112233445566778899"
		  "aabb0800450000281234400040063117c0a801025db8d822000100020000"
		  "0003000000045002000ab8490000", P_VXLAN },
		/* UDP 40000 -> 6081 carrying Ethernet/IPv4/TCP */
		{ "00112233445566778899aabb08004500005a12344000401130dac0a80102"
		  "5db8d8229c4017c10046dcbc000065580000010000112233445566778899"
		  "aabb0800450000281234400040063117c0a801025db8d822000100020000"
		  "0003000000045002000ab8490000", P_GENEVE },
		/* TCP 40000 -> 53, length-prefixed */
		{ "00112233445566778899aabb08004500004612344000400630f9c0a80102"
		  "5db8d8229c400035000000010000000550180064e2440000001c12340100"
		  "00010000000000000765786d706c6503636f6d0000010001", P_DNS },
		/* UDP 53 -> 5353: the lower port wins */
		{ "00112233445566778899aabb08004500003812344000401130fcc0a80102"
		  "5db8d822003514e90024ba191234010000010000000000000765786d706c"
		  "6503636f6d0000010001", P_DNS },
	};
	const struct tl_result *r;
	const struct pkt_info *pi;
	size_t i;

	for (i = 0; i < sizeof d / sizeof d[0]; i++) {
		r = tl_run(LINK_ETHERNET, d[i].hex);
		CHECK(tl_has(r, d[i].proto));
		CHECK(!tl_has(r, P_DATA) || d[i].proto == P_VXLAN ||
		    d[i].proto == P_GENEVE);
		CHECK_INT(r->errors, 0);
	}
	/* Tunnelled TCP: the flow key keeps the outer UDP ports. */
	pi = tl_summary(LINK_ETHERNET, d[3].hex);
	CHECK_INT(pi->l4proto, 17);
	CHECK_INT(pi->sport, 40000);
	CHECK_INT(pi->dport, 4789);
	CHECK_INT(pi->tcpflags, 0);
	CHECK(pi->protos & (1u << P_TCP));
}

/* Service names: /etc/services first, the built-in table behind it. */
static void
test_services(void)
{
	CHECK_STR(port_service(443, 6), "https");
	CHECK_STR(port_service(22, 6), "ssh");
	CHECK_STR(port_service(53, 17), "domain");
	CHECK_STR(port_service(5353, 17), "mdns");
	CHECK_STR(port_service(4789, 17), "vxlan");
	CHECK_STR(port_service(6081, 17), "geneve");
	CHECK(port_service(443, 1) == NULL);
	CHECK(port_service(0, 6) == NULL);
	/* The second lookup comes from the same table. */
	CHECK(port_service(80, 6) == port_service(80, 6));
}

/* The checksum verdict of field name in case c. */
static int
verdict_of(const char *c, const char *name)
{
	const struct tl_result *r = tl_run(LINK_ETHERNET, find_case(c)->hex);
	const struct tl_field *f = tl_find(r, name);

	return f != NULL ? f->verdict : 99;
}

/* Checksum verdicts travel as values (the detail pane marks by them):
   good, bad, absent and unverified, on the sum and on its status. */
static void
test_verdicts(void)
{
	CHECK_INT(verdict_of("UDP good checksum", "udp.checksum"), 1);
	CHECK_INT(verdict_of("UDP good checksum", "udp.checksum.status"), 1);
	CHECK_INT(verdict_of("UDP bad checksum", "udp.checksum"), -1);
	CHECK_INT(verdict_of("UDP bad checksum", "udp.checksum.status"), -1);
	CHECK_INT(verdict_of("UDP zero checksum over IPv4", "udp.checksum"),
	    0);
	CHECK_INT(verdict_of("UDP zero checksum over IPv4",
	    "udp.checksum.status"), 0);
	CHECK_INT(verdict_of("bad checksum with URG", "tcp.checksum"), -1);
	CHECK_INT(verdict_of("bad checksum with URG", "tcp.checksum.status"),
	    -1);
	CHECK_INT(verdict_of("UDP good checksum", "ip.checksum"), 1);
	CHECK_INT(verdict_of("UDP good checksum", "ip.checksum.status"), 1);
	/* A field that states no checksum has no verdict. */
	CHECK_INT(verdict_of("UDP good checksum", "udp.length"), 0);
}

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		run_case(&cases[i]);
	test_summary();
	test_dispatch();
	test_services();
	test_verdicts();
	return tl_done();
}
