#!/usr/bin/env python3
"""Write the deterministic test captures of wiretop's script tests.

usage: gen_pcaps.py OUTDIR
           writes the captures listed in FILES into OUTDIR
       gen_pcaps.py --big N FLOWS OUTFILE
           writes one Ethernet pcap of N packets spread over FLOWS distinct
           5-tuples (TCP and UDP, IPv4 and IPv6), for the benchmarks

Python 3 standard library only.  Every byte is fixed: timestamps start at
BASE_TS and step by a fixed amount, payloads are patterns, the only random
numbers come from a seeded generator.  Checksums are correct everywhere
except in badsum.pcap, whose packets carry deliberately wrong IPv4, TCP, UDP
and ICMP checksums.
"""
import os
import struct
import sys

# The builders live in pcapgen.py; importing them here keeps
# "import gen_pcaps as g; g.v4frame(...)" working for the tests.
from pcapgen import *  # noqa: F401,F403
from pcapgen import _pcapng_block, _pcapng_opt  # noqa: F401 (gen_time_pcaps)

# ---------------------------------------------------------------------------
# The files

def gen_basic(cap):
    """ARP, ICMP echo, a TCP connection with options, SACK and FIN, a
    refused and a reset connection, UDP, IPv4 options and fragments."""
    cap.add(eth(BCAST, MAC_A, 0x0806,
                arp(1, MAC_A, IP_A, "00:00:00:00:00:00", IP_GW)))
    cap.add(eth(MAC_A, MAC_B, 0x0806,
                arp(2, MAC_B, IP_GW, MAC_A, IP_A), pad=True))
    echo = pattern(48)
    cap.add(v4frame(MAC_A, MAC_B, IP_A, IP_WEB, 1,
                    icmp(8, 0, struct.pack("!HH", 0x1234, 1), echo),
                    ident=0x2001))
    cap.add(v4frame(MAC_B, MAC_A, IP_WEB, IP_A, 1,
                    icmp(0, 0, struct.pack("!HH", 0x1234, 1), echo),
                    ident=0x7001, ttl=56, df=False))

    # A connection with the usual Linux options, data, a lost segment
    # recovered with SACK, and an orderly FIN teardown.
    t = eth_tcp_conn(cap, IP_A, IP_WEB, 51514, 8765, 0x1A2B3C4D, 0xC0FFEE00)
    t.send(True, SYN, options=syn_opts(1460, 1000000, 7))
    t.send(False, SYN | ACK, options=synack_opts(1400, 2000000, 1000000, 9),
           win=65160)
    t.send(True, ACK, options=t.tsopt(True))
    t.send(True, PSH | ACK, pattern(120), options=t.tsopt(True))
    t.send(False, ACK, options=t.tsopt(False), win=509)
    s0 = t.seq[False]
    t.send(False, ACK, pattern(300, 1), options=t.tsopt(False))
    s1 = t.seq[False]
    t.cap.pkts.pop()              # the first data segment is "lost"
    t.send(False, PSH | ACK, pattern(200, 2), options=t.tsopt(False))
    s2 = t.seq[False]
    t.send(True, ACK, options=t.tsopt(True) + sack_opt([(s1, s2)]), ack=s0)
    t.seq[False] = s0
    t.send(False, ACK, pattern(300, 1), options=t.tsopt(False))
    t.seq[False] = s2
    t.send(True, ACK, options=t.tsopt(True), ack=s2)
    t.send(True, FIN | ACK, options=t.tsopt(True))
    t.send(False, FIN | ACK, options=t.tsopt(False))
    t.send(True, ACK, options=t.tsopt(True))

    # A refused connection and one reset in the middle.
    r = eth_tcp_conn(cap, IP_A, IP_B, 51600, 23456, 0x11111111, 0,
                     ident=0x5000)
    r.send(True, SYN, options=syn_opts(1460, 1000500, 7))
    r.send(False, RST | ACK, win=0)
    r2 = eth_tcp_conn(cap, IP_A, IP_B, 51602, 8765, 0x22222222, 0x33333333,
                      ident=0x5100)
    r2.send(True, SYN, options=struct.pack("!BBH", 2, 4, 1460))
    r2.send(False, SYN | ACK, options=struct.pack("!BBH", 2, 4, 1460))
    r2.send(True, ACK)
    r2.send(True, PSH | ACK | URG, pattern(10), urp=1)
    r2.send(False, RST, win=0)

    # Plain UDP, both ways.
    cap.add(v4frame(MAC_A, MAC_B, IP_A, IP_B, 17,
                    udp(IP_A, IP_B, 40000, 12345, pattern(64)), ident=0x6001))
    cap.add(v4frame(MAC_B, MAC_A, IP_B, IP_A, 17,
                    udp(IP_B, IP_A, 12345, 40000, pattern(16, 3)), pad=True,
                    ident=0x6002))

    # IPv4 options: ping -R (NOP + record route), a reply with two
    # addresses recorded, timestamps, and everything together.
    cap.add(v4frame(MAC_A, MAC_B, IP_A, IP_WEB, 1,
                    icmp(8, 0, struct.pack("!HH", 0x1234, 2), echo),
                    ident=0x2002, options=b"\x01" + opt_rr([], 9)))
    cap.add(v4frame(MAC_B, MAC_A, IP_WEB, IP_A, 1,
                    icmp(0, 0, struct.pack("!HH", 0x1234, 2), echo),
                    ident=0x7002, ttl=56,
                    options=b"\x01" + opt_rr([IP_GW, "192.0.2.1"], 9)))
    cap.add(v4frame(MAC_A, MAC_B, IP_A, IP_B, 17,
                    udp(IP_A, IP_B, 40002, 12345, pattern(20)),
                    ident=0x6003, options=opt_ts([3600000, 3600005], 4)))
    cap.add(v4frame(MAC_A, MAC_B, IP_A, IP_B, 17,
                    udp(IP_A, IP_B, 40003, 12345, pattern(20)),
                    ident=0x6004,
                    options=b"\x01" + opt_rr([IP_A], 2) + opt_ra() +
                    opt_ts_addr([(IP_A, 3600010)], 1)))

    # A 400-byte UDP datagram in three fragments.
    dgram = udp(IP_A, IP_B, 40004, 12345, pattern(392, 5))
    for off, chunk in ((0, 160), (160, 160), (320, 80)):
        cap.add(v4frame(MAC_A, MAC_B, IP_A, IP_B, 17, dgram[off:off + chunk],
                        ident=0x6100, df=False, mf=off + chunk < len(dgram),
                        frag=off))


def dns_exchanges():
    """(query, response) DNS messages for A/CNAME, AAAA, MX, TXT, PTR,
    and an NXDOMAIN answered with an SOA."""
    out = []
    q = Dns(0x1A2B, 0x0100)
    q.question("www.example.com", T_A)
    r = Dns(0x1A2B, 0x8180)
    r.question("www.example.com", T_A)
    r.rr(AN, "www.example.com", T_CNAME, ["web.example.com"], ttl=3600)
    r.rr(AN, "web.example.com", T_A, ip4("93.184.216.34"))
    r.rr(AN, "web.example.com", T_A, ip4("93.184.216.35"))
    r.rr(NS, "example.com", T_NS, ["ns1.example.com"], ttl=86400)
    r.rr(AR, "ns1.example.com", T_A, ip4("192.0.2.53"), ttl=86400)
    out.append((q, r))

    q = Dns(0x2B3C, 0x0100)
    q.question("ipv6.example.org", T_AAAA)
    r = Dns(0x2B3C, 0x8180)
    r.question("ipv6.example.org", T_AAAA)
    r.rr(AN, "ipv6.example.org", T_AAAA, ip6("2001:db8::1"))
    r.rr(AN, "ipv6.example.org", T_AAAA, ip6("2001:db8:0:1::abcd"))
    out.append((q, r))

    q = Dns(0x3C4D, 0x0100)
    q.question("example.com", T_MX)
    r = Dns(0x3C4D, 0x8180)
    r.question("example.com", T_MX)
    r.rr(AN, "example.com", T_MX, [struct.pack("!H", 10), "mail.example.com"])
    r.rr(AN, "example.com", T_MX, [struct.pack("!H", 20),
                                   "mail2.example.com"])
    r.rr(AR, "mail.example.com", T_A, ip4("192.0.2.25"))
    out.append((q, r))

    q = Dns(0x4D5E, 0x0100)
    q.question("example.com", T_TXT)
    r = Dns(0x4D5E, 0x8180)
    r.question("example.com", T_TXT)
    r.rr(AN, "example.com", T_TXT, txt("v=spf1 -all"))
    r.rr(AN, "example.com", T_TXT, txt("part one", "part two"))
    out.append((q, r))

    q = Dns(0x5E6F, 0x0100)
    q.question("34.216.184.93.in-addr.arpa", T_PTR)
    r = Dns(0x5E6F, 0x8580)
    r.question("34.216.184.93.in-addr.arpa", T_PTR)
    r.rr(AN, "34.216.184.93.in-addr.arpa", T_PTR, ["www.example.com"])
    out.append((q, r))

    q = Dns(0x6F70, 0x0100)
    q.question("nonexistent.example.net", T_A)
    r = Dns(0x6F70, 0x8183)
    r.question("nonexistent.example.net", T_A)
    r.rr(NS, "example.net", T_SOA,
         ["ns.icann.org", "noc.dns.icann.org",
          struct.pack("!IIIII", 2023080799, 7200, 3600, 1209600, 3600)],
         ttl=3600)
    out.append((q, r))
    return out


def gen_dns(cap):
    """DNS over UDP and TCP, mDNS and LLMNR."""
    sport = 53001
    ident = 0x3000
    for q, r in dns_exchanges():
        ident += 2
        cap.add(v4frame(MAC_A, MAC_B, IP_A, IP_DNS, 17,
                        udp(IP_A, IP_DNS, sport, 53, q.bytes()),
                        ident=ident))
        cap.add(v4frame(MAC_B, MAC_A, IP_DNS, IP_A, 17,
                        udp(IP_DNS, IP_A, 53, sport, r.bytes()),
                        ident=ident + 1, ttl=57))
        sport += 1

    # One exchange over TCP: length-prefixed messages.
    q, r = dns_exchanges()[2]
    t = eth_tcp_conn(cap, IP_A, IP_DNS, 41000, 53, 0x0BADCAFE, 0x5EED0001,
                     ident=0x3100)
    t.send(True, SYN, options=syn_opts(1460, 5000000, 7))
    t.send(False, SYN | ACK, options=synack_opts(1440, 6000000, 5000000, 8))
    t.send(True, ACK, options=t.tsopt(True))
    qb = q.bytes()
    t.send(True, PSH | ACK, struct.pack("!H", len(qb)) + qb,
           options=t.tsopt(True))
    rb = r.bytes()
    t.send(False, PSH | ACK, struct.pack("!H", len(rb)) + rb,
           options=t.tsopt(False))
    t.send(True, FIN | ACK, options=t.tsopt(True))
    t.send(False, FIN | ACK, options=t.tsopt(False))
    t.send(True, ACK, options=t.tsopt(True))

    # mDNS: a PTR query and an answer with a cache-flush A record.
    q = Dns(0, 0)
    q.question("_http._tcp.local", T_PTR)
    cap.add(eth("01:00:5e:00:00:fb", MAC_A, 0x0800,
                ipv4("10.0.0.1", "224.0.0.251", 17,
                     udp("10.0.0.1", "224.0.0.251", 5353, 5353, q.bytes()),
                     ident=0x3201, ttl=255, df=False)))
    r = Dns(0, 0x8400)
    r.rr(AN, "_http._tcp.local", T_PTR, ["printer._http._tcp.local"],
         ttl=4500)
    r.rr(AR, "printer.local", T_A, ip4("10.0.0.50"), ttl=120, rclass=0x8001)
    cap.add(eth("01:00:5e:00:00:fb", MAC_C, 0x0800,
                ipv4("10.0.0.50", "224.0.0.251", 17,
                     udp("10.0.0.50", "224.0.0.251", 5353, 5353, r.bytes()),
                     ident=0x3202, ttl=255, df=False)))

    # LLMNR: a multicast query and the unicast answer.
    q = Dns(0x7A7B, 0x0000)
    q.question("fileserver", T_A)
    cap.add(eth("01:00:5e:00:00:fc", MAC_A, 0x0800,
                ipv4("10.0.0.1", "224.0.0.252", 17,
                     udp("10.0.0.1", "224.0.0.252", 60123, 5355, q.bytes()),
                     ident=0x3301, ttl=1, df=False)))
    r = Dns(0x7A7B, 0x8000)
    r.question("fileserver", T_A)
    r.rr(AN, "fileserver", T_A, ip4("10.0.0.60"), ttl=30)
    cap.add(eth(MAC_A, MAC_C, 0x0800,
                ipv4("10.0.0.60", "10.0.0.1", 17,
                     udp("10.0.0.60", "10.0.0.1", 5355, 60123, r.bytes()),
                     ident=0x3302, ttl=128, df=False)))


def gen_vlan(cap):
    """802.1Q tagged ARP/UDP/TCP and QinQ (802.1ad outer, 802.1Q inner)."""
    q10 = [(0x8100, 0, 0, 10)]
    q20 = [(0x8100, 5, 0, 20)]
    qinq = [(0x88A8, 3, 0, 100), (0x8100, 0, 0, 200)]
    cap.add(eth_vlan(BCAST, MAC_A, q10, 0x0806,
                     arp(1, MAC_A, "10.10.0.1", "00:00:00:00:00:00",
                         "10.10.0.2")))
    cap.add(eth_vlan(MAC_A, MAC_B, q10, 0x0806,
                     arp(2, MAC_B, "10.10.0.2", MAC_A, "10.10.0.1"),
                     pad=True))
    cap.add(eth_vlan(MAC_B, MAC_A, q20, 0x0800,
                     ipv4("10.20.0.1", "10.20.0.2", 17,
                          udp("10.20.0.1", "10.20.0.2", 40010, 12345,
                              pattern(32)), ident=0x0A01)))
    seg = tcp("10.20.0.1", "10.20.0.2", 51700, 8765, 1000, 0, SYN, 29200,
              syn_opts(1460, 77, 7))
    cap.add(eth_vlan(MAC_B, MAC_A, q20, 0x0800,
                     ipv4("10.20.0.1", "10.20.0.2", 6, seg, ident=0x0A02)))
    seg = tcp("10.20.0.2", "10.20.0.1", 8765, 51700, 5000, 1001, SYN | ACK,
              28960, synack_opts(1460, 88, 77, 7))
    cap.add(eth_vlan(MAC_A, MAC_B, q20, 0x0800,
                     ipv4("10.20.0.2", "10.20.0.1", 6, seg, ident=0x0B02)))
    echo = pattern(32, 7)
    cap.add(eth_vlan(MAC_B, MAC_A, qinq, 0x0800,
                     ipv4("10.30.0.1", "10.30.0.2", 1,
                          icmp(8, 0, struct.pack("!HH", 0x0042, 7), echo),
                          ident=0x0C01)))
    cap.add(eth_vlan(MAC_A, MAC_B, qinq, 0x0800,
                     ipv4("10.30.0.2", "10.30.0.1", 1,
                          icmp(0, 0, struct.pack("!HH", 0x0042, 7), echo),
                          ident=0x0D01)))
    q = Dns(0x0707, 0x0100)
    q.question("vlan.example.com", T_A)
    cap.add(eth_vlan(MAC_B, MAC_A, qinq, 0x0800,
                     ipv4("10.30.0.1", "10.30.0.53", 17,
                          udp("10.30.0.1", "10.30.0.53", 53999, 53,
                              q.bytes()), ident=0x0C02)))


def gen_ipv6(cap):
    """IPv6 extension headers, fragments, ICMPv6 echo and ND, TCP, DNS."""
    # Hop-by-hop (router alert) + destination options + segment routing
    # header with one segment left + UDP.  The UDP checksum covers the
    # final destination, which is the SRH's first segment.
    final = "2001:db8:2::99"
    segs = [final, IP6_B]
    data = pattern(40, 9)
    u = udp(IP6_A, final, 40020, 12345, data)
    ext = (ext_opts(60, b"\x05\x02\x00\x00") +
           ext_opts(43, b"\x1e\x02\xbe\xef") +
           ext_srh(17, segs, 1))
    cap.add(v6frame(MAC_A, MAC_B, IP6_A, IP6_B, 0, ext + u))

    # A 300-byte UDP datagram in two fragments, behind a destination
    # options header.
    dgram = udp(IP6_A, IP6_B, 40021, 12345, pattern(292, 11))
    for off, chunk in ((0, 200), (200, 100)):
        ext = ext_opts(44, b"") + ext_frag(17, off, off == 0, 0xBEEF0001)
        cap.add(v6frame(MAC_A, MAC_B, IP6_A, IP6_B, 60,
                        ext + dgram[off:off + chunk]))

    # ICMPv6 echo.
    body = struct.pack("!HH", 0x0777, 1) + pattern(56, 13)
    cap.add(v6frame(MAC_A, MAC_B, IP6_A, IP6_B, 58,
                    icmp6(IP6_A, IP6_B, 128, 0, body)))
    cap.add(v6frame(MAC_B, MAC_A, IP6_B, IP6_A, 58,
                    icmp6(IP6_B, IP6_A, 129, 0, body), hlim=60))

    # Neighbour solicitation / advertisement with link-layer options.
    sn = "ff02::1:ff99:aabb"
    body = (b"\0\0\0\0" + ip6(LL6_B) + bytes([1, 1]) + mac(MAC_A))
    cap.add(v6frame(MAC_A, "33:33:ff:99:aa:bb", LL6_A, sn, 58,
                    icmp6(LL6_A, sn, 135, 0, body), hlim=255))
    body = (struct.pack("!I", 0x60000000) + ip6(LL6_B) + bytes([2, 1]) +
            mac(MAC_B))
    cap.add(v6frame(MAC_B, MAC_A, LL6_B, LL6_A, 58,
                    icmp6(LL6_B, LL6_A, 136, 0, body), hlim=255))

    # A TCP handshake and a little data over IPv6.
    def frame(c, seg):
        if c:
            return v6frame(MAC_A, MAC_B, IP6_A, IP6_B, 6, seg)
        return v6frame(MAC_B, MAC_A, IP6_B, IP6_A, 6, seg, hlim=58)
    t = Tcp(cap, frame, IP6_A, IP6_B, 52000, 8765, 0x600D0000, 0x0DD50000)
    t.send(True, SYN, options=syn_opts(1440, 3000000, 7))
    t.send(False, SYN | ACK, options=synack_opts(1440, 4000000, 3000000, 7))
    t.send(True, ACK, options=t.tsopt(True))
    t.send(True, PSH | ACK, pattern(77, 17), options=t.tsopt(True))
    t.send(False, ACK, options=t.tsopt(False))
    t.send(False, RST | ACK, options=t.tsopt(False))

    # DNS AAAA over IPv6.
    q, r = dns_exchanges()[1]
    cap.add(v6frame(MAC_A, MAC_B, IP6_A, "2001:4860:4860::8888", 17,
                    udp(IP6_A, "2001:4860:4860::8888", 53100, 53,
                        q.bytes())))
    cap.add(v6frame(MAC_B, MAC_A, "2001:4860:4860::8888", IP6_A, 17,
                    udp("2001:4860:4860::8888", IP6_A, 53, 53100,
                        r.bytes()), hlim=57))


def gen_icmp_errors(cap):
    """ICMP port unreachable quoting UDP, time exceeded quoting TCP."""
    probe = ipv4(IP_A, IP_B, 17, udp(IP_A, IP_B, 40030, 9999, pattern(12)),
                 ident=0x6201)
    cap.add(eth(MAC_B, MAC_A, 0x0800, probe))
    cap.add(v4frame(MAC_B, MAC_A, IP_B, IP_A, 1,
                    icmp(3, 3, b"\0\0\0\0", probe), ident=0x9001, df=False))

    syn = ipv4(IP_A, IP_WEB, 6,
               tcp(IP_A, IP_WEB, 51800, 8765, 0xABCDEF01, 0, SYN, 64240,
                   syn_opts(1460, 9000000, 7)), ident=0x6202, ttl=1)
    cap.add(eth(MAC_B, MAC_A, 0x0800, syn))
    cap.add(v4frame(MAC_B, MAC_A, IP_GW, IP_A, 1,
                    icmp(11, 0, b"\0\0\0\0", syn), ident=0x9002, df=False,
                    tos=0xC0, ttl=255))

    # Destination unreachable, fragmentation needed (next-hop MTU).
    big = ipv4(IP_A, IP_WEB, 6,
               tcp(IP_A, IP_WEB, 51802, 8765, 0xABCDEF10, 0x100, ACK, 502,
                   b"", pattern(24)), ident=0x6203)
    cap.add(v4frame(MAC_B, MAC_A, IP_GW, IP_A, 1,
                    icmp(3, 4, struct.pack("!HH", 0, 1400), big),
                    ident=0x9003, df=False, ttl=255))


def gen_igmp(cap):
    """IGMP v1, v2 and v3 queries and reports."""
    def send(src, dst, msg, ra=True, ident=0):
        a = ip4(dst)
        dmac = "01:00:5e:%02x:%02x:%02x" % (a[1] & 0x7F, a[2], a[3])
        cap.add(eth(dmac, MAC_A if src == IP_A else MAC_B, 0x0800,
                    ipv4(src, dst, 2, msg, ttl=1, df=False, ident=ident,
                         tos=0xC0 if ra else 0,
                         options=opt_ra() if ra else b""), pad=True))
    send(IP_GW, "224.0.0.1", igmp(0x11, 0, "0.0.0.0"), ra=False, ident=1)
    send(IP_A, "239.1.1.1", igmp(0x12, 0, "239.1.1.1"), ra=False, ident=2)
    send(IP_GW, "224.0.0.1", igmp(0x11, 100, "0.0.0.0"), ident=3)
    send(IP_GW, "239.1.1.2", igmp(0x11, 10, "239.1.1.2"), ident=4)
    send(IP_A, "239.1.1.2", igmp(0x16, 0, "239.1.1.2"), ident=5)
    send(IP_A, "224.0.0.2", igmp(0x17, 0, "239.1.1.2"), ident=6)
    send(IP_GW, "224.0.0.1",
         igmp(0x11, 100, "0.0.0.0", struct.pack("!BBH", 0x02, 125, 0)),
         ident=7)
    send(IP_GW, "232.1.1.1",
         igmp(0x11, 100, "232.1.1.1",
              struct.pack("!BBH", 0x0A, 60, 2) + ip4("192.0.2.7") +
              ip4("192.0.2.8")), ident=8)
    send(IP_A, "224.0.0.22",
         igmp3_report([(1, "232.1.1.1", ["192.0.2.7", "192.0.2.8"]),
                       (4, "239.255.255.250", []),
                       (6, "232.2.2.2", ["198.51.100.9"])]), ident=9)


def gen_tunnels(cap):
    """GRE with key and sequence, IP-in-IP, 6in4, VXLAN and GENEVE."""
    echo = pattern(24, 19)
    for i, (src, dst, typ) in enumerate(((("10.1.0.1", "10.2.0.1", 8)),
                                          (("10.2.0.1", "10.1.0.1", 0)))):
        inner = ipv4(src, dst, 1, icmp(typ, 0, struct.pack("!HH", 0x00AB, 1),
                                       echo), ident=0x1100 + i)
        gre = struct.pack("!HHII", 0x3000, 0x0800, 0x00010002, i + 1) + inner
        o = ("198.51.100.1", "198.51.100.2") if i == 0 else \
            ("198.51.100.2", "198.51.100.1")
        cap.add(v4frame(MAC_A, MAC_B, o[0], o[1], 47, gre, ident=0x2100 + i))

    inner = ipv4("10.1.0.1", "10.2.0.1", 17,
                 udp("10.1.0.1", "10.2.0.1", 5000, 6000, pattern(20)),
                 ident=0x1200)
    cap.add(v4frame(MAC_A, MAC_B, "198.51.100.1", "198.51.100.2", 4, inner,
                    ident=0x2200))

    body = struct.pack("!HH", 0x0606, 1) + pattern(16)
    inner = ipv6("2001:db8:1::1", "2001:db8:2::1", 58,
                 icmp6("2001:db8:1::1", "2001:db8:2::1", 128, 0, body))
    cap.add(v4frame(MAC_A, MAC_B, "198.51.100.1", "192.88.99.1", 41, inner,
                    ident=0x2300))

    def inner_tcp(c, flags, seq, ack, opts):
        src, dst = ("192.168.100.1", "192.168.100.2") if c else \
            ("192.168.100.2", "192.168.100.1")
        sp, dp = (40000, 8765) if c else (8765, 40000)
        seg = tcp(src, dst, sp, dp, seq, ack, flags, 29200, opts)
        return eth("02:00:00:00:00:02" if c else "02:00:00:00:00:01",
                   "02:00:00:00:00:01" if c else "02:00:00:00:00:02",
                   0x0800, ipv4(src, dst, 6, seg, ident=0x1300 + c))

    vx = struct.pack("!BBHI", 0x08, 0, 0, 5001 << 8)
    cap.add(v4frame(MAC_A, MAC_B, "172.16.0.1", "172.16.0.2", 17,
                    udp("172.16.0.1", "172.16.0.2", 49152, 4789,
                        vx + inner_tcp(True, SYN, 7000, 0,
                                       syn_opts(1410, 1, 7)), csum="zero"),
                    ident=0x2400))
    cap.add(v4frame(MAC_B, MAC_A, "172.16.0.2", "172.16.0.1", 17,
                    udp("172.16.0.2", "172.16.0.1", 51001, 4789,
                        vx + inner_tcp(False, SYN | ACK, 9000, 7001,
                                       synack_opts(1410, 2, 1, 7)),
                        csum="zero"), ident=0x2500))

    gn = struct.pack("!BBHI", 0, 0, 0x6558, 7001 << 8)
    cap.add(v4frame(MAC_A, MAC_B, "172.16.0.1", "172.16.0.2", 17,
                    udp("172.16.0.1", "172.16.0.2", 50000, 6081,
                        gn + inner_tcp(True, SYN, 11000, 0,
                                       syn_opts(1400, 3, 7))),
                    ident=0x2600))
    cap.add(v4frame(MAC_B, MAC_A, "172.16.0.2", "172.16.0.1", 17,
                    udp("172.16.0.2", "172.16.0.1", 50001, 6081,
                        gn + inner_tcp(False, ACK, 13000, 11001, b"")),
                    ident=0x2700))


def gen_badsum(cap):
    """Packets with wrong IPv4, TCP, UDP and ICMP checksums."""
    cap.add(v4frame(MAC_A, MAC_B, IP_A, IP_B, 17,
                    udp(IP_A, IP_B, 40040, 12345, pattern(20)),
                    ident=0x6301, badsum=True))
    cap.add(v4frame(MAC_A, MAC_B, IP_A, IP_B, 6,
                    tcp(IP_A, IP_B, 51900, 8765, 1, 0, SYN, 1024,
                        struct.pack("!BBH", 2, 4, 1460), badsum=True),
                    ident=0x6302))
    cap.add(v4frame(MAC_A, MAC_B, IP_A, IP_B, 17,
                    udp(IP_A, IP_B, 40041, 12345, pattern(20), csum="bad"),
                    ident=0x6303))
    cap.add(v4frame(MAC_A, MAC_B, IP_A, IP_B, 1,
                    icmp(8, 0, struct.pack("!HH", 0x0099, 1), pattern(32),
                         badsum=True), ident=0x6304))
    cap.add(v6frame(MAC_A, MAC_B, IP6_A, IP6_B, 17,
                    udp(IP6_A, IP6_B, 40042, 12345, pattern(20),
                        csum="bad")))
    # A good one of each, for contrast.
    cap.add(v4frame(MAC_A, MAC_B, IP_A, IP_B, 17,
                    udp(IP_A, IP_B, 40040, 12345, pattern(20)),
                    ident=0x6305))


def gen_sll(cap):
    """Linux cooked captures of IPv4/TCP, ARP, IPv6/ICMPv6 and UDP."""
    seg = tcp(IP_A, IP_WEB, 51950, 8765, 500, 0, SYN, 64240,
              syn_opts(1460, 42, 7))
    cap.add(sll(4, MAC_A, 0x0800, ipv4(IP_A, IP_WEB, 6, seg, ident=0x8001)))
    seg = tcp(IP_WEB, IP_A, 8765, 51950, 900, 501, SYN | ACK, 65160,
              synack_opts(1400, 43, 42, 9))
    cap.add(sll(0, MAC_B, 0x0800, ipv4(IP_WEB, IP_A, 6, seg, ident=0x8002,
                                       ttl=56)))
    cap.add(sll(1, MAC_B, 0x0806,
                arp(1, MAC_B, IP_GW, "00:00:00:00:00:00", IP_A)))
    body = struct.pack("!HH", 0x0101, 3) + pattern(8)
    cap.add(sll(4, MAC_A, 0x86DD,
                ipv6(IP6_A, IP6_B, 58, icmp6(IP6_A, IP6_B, 128, 0, body))))
    cap.add(sll(0, None, 0x0800,
                ipv4("127.0.0.1", "127.0.0.53", 17,
                     udp("127.0.0.1", "127.0.0.53", 40050, 12345,
                         pattern(10)), ident=0x8003), arphrd=772))


def gen_raw(cap):
    """Raw IP (no link header): IPv4 UDP/ICMP and IPv6 TCP."""
    cap.add(ipv4(IP_A, IP_B, 17, udp(IP_A, IP_B, 40060, 12345, pattern(12)),
                 ident=0x8101))
    cap.add(ipv4(IP_A, IP_WEB, 1,
                 icmp(8, 0, struct.pack("!HH", 0x0202, 9), pattern(16)),
                 ident=0x8102))
    cap.add(ipv6(IP6_A, IP6_B, 6,
                 tcp(IP6_A, IP6_B, 52100, 8765, 77, 0, SYN, 64800,
                     syn_opts(1440, 99, 7))))
    cap.add(ipv6(IP6_B, IP6_A, 6,
                 tcp(IP6_B, IP6_A, 8765, 52100, 0, 78, RST | ACK, 0)))


def gen_mixed(cap):
    """A short mix for the pcapng file."""
    gen_basic(cap)
    del cap.pkts[12:]
    q, r = dns_exchanges()[0]
    cap.add(v4frame(MAC_A, MAC_B, IP_A, IP_DNS, 17,
                    udp(IP_A, IP_DNS, 53500, 53, q.bytes()), ident=0x3501))
    cap.add(v4frame(MAC_B, MAC_A, IP_DNS, IP_A, 17,
                    udp(IP_DNS, IP_A, 53, 53500, r.bytes()), ident=0x3502))


def gen_nsec(cap):
    """A few packets whose timestamps need nanoseconds."""
    cap.add(v4frame(MAC_A, MAC_B, IP_A, IP_B, 17,
                    udp(IP_A, IP_B, 40070, 12345, pattern(8)),
                    ident=0x8201), extra_ns=123456789 - 0)
    cap.add(v4frame(MAC_B, MAC_A, IP_B, IP_A, 17,
                    udp(IP_B, IP_A, 12345, 40070, pattern(8)),
                    ident=0x8202, ttl=63), extra_ns=123456789 + 1)
    cap.add(v6frame(MAC_A, MAC_B, IP6_A, IP6_B, 58,
                    icmp6(IP6_A, IP6_B, 128, 0,
                          struct.pack("!HH", 0x0303, 1) + pattern(8))),
            extra_ns=987654321)


def gen_longv6(cap):
    """Full-length IPv6 addresses (39 characters) for the TUI's layout
    tests: a TCP connection with data of 1200 bytes and UDP both ways,
    between IPv4 rows, 32 packets."""
    a6 = "2a01:cb01:2049:8b07:991d:ec85:28df:f629"
    b6 = "2a02:8108:1dc0:4d3f:a1b2:c3d4:e5f6:9789"

    def frame(c, seg):
        if c:
            return v6frame(MAC_A, MAC_B, a6, b6, 6, seg)
        return v6frame(MAC_B, MAC_A, b6, a6, 6, seg, hlim=57)
    t4 = eth_tcp_conn(cap, IP_A, IP_WEB, 40100, 80, 0x11110000, 0x22220000)
    t4.send(True, SYN, options=syn_opts(1460, 5000000, 7))
    t4.send(False, SYN | ACK, options=synack_opts(1460, 6000000, 5000000, 7))
    t = Tcp(cap, frame, a6, b6, 51514, 443, 0x33330000, 0x44440000)
    t.send(True, SYN, options=syn_opts(1440, 3000000, 7))
    t.send(False, SYN | ACK, options=synack_opts(1440, 4000000, 3000000, 7))
    t.send(True, ACK, options=t.tsopt(True))
    for i in range(8):
        t.send(True, PSH | ACK, pattern(100 + i, i), options=t.tsopt(True))
        t.send(False, PSH | ACK, pattern(1200, i), options=t.tsopt(False))
    for i in range(4):
        cap.add(v6frame(MAC_A, MAC_B, a6, b6, 17,
                        udp(a6, b6, 50000 + i, 12345, pattern(64, i))))
        cap.add(v6frame(MAC_B, MAC_A, b6, a6, 17,
                        udp(b6, a6, 12345, 50000 + i, pattern(64, i))))
    t4.send(True, ACK)
    t.send(True, FIN | ACK, options=t.tsopt(True))
    t.send(False, FIN | ACK, options=t.tsopt(False))


HTTP_FOLLOW_REQUEST = (b"GET /index.html HTTP/1.1\r\nHost: example.test\r\n"
                       b"User-Agent: wiretop-test\r\nAccept: */*\r\n\r\n")
HTTP_FOLLOW_BODY = [b"<html><body>\n<p>one: hello follow</p>\n",
                    b"<p>two: OUT-OF-ORDER arrives late</p>\n",
                    b"<p>three: RETRANSMITTED-ONCE</p>\n",
                    b"<p>four: the end</p>\n</body></html>\n"]
HTTP_FOLLOW_HEAD = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                    b"Content-Length: %d\r\n\r\n"
                    % sum(len(b) for b in HTTP_FOLLOW_BODY))


def gen_http_follow(cap):
    """For follow stream (tests/tui_follow.sh): an HTTP GET and its
    response over TCP, the response's second body segment captured after
    the third (out of order) and the third sent twice (retransmitted)."""
    t = eth_tcp_conn(cap, IP_A, IP_B, 51720, 80, 0x7FFFFF00, 0xFFFFFF80)
    t.send(True, SYN, options=syn_opts(1460, 1000000, 7))
    t.send(False, SYN | ACK, options=synack_opts(1460, 2000000, 1000000, 7))
    t.send(True, ACK)
    t.send(True, PSH | ACK, HTTP_FOLLOW_REQUEST)
    t.send(False, ACK)
    t.send(False, PSH | ACK, HTTP_FOLLOW_HEAD + HTTP_FOLLOW_BODY[0])
    s1 = t.seq[False]
    t.seq[False] += len(HTTP_FOLLOW_BODY[1])
    s2 = t.seq[False]
    t.send(False, PSH | ACK, HTTP_FOLLOW_BODY[2])       # before [1]
    t.send(True, ACK, ack=s1)                           # duplicate ACK
    t.seq[False] = s1
    t.send(False, PSH | ACK, HTTP_FOLLOW_BODY[1])       # out of order
    t.seq[False] = s2
    t.send(False, PSH | ACK, HTTP_FOLLOW_BODY[2])       # retransmitted
    t.send(False, PSH | ACK, HTTP_FOLLOW_BODY[3])
    t.send(True, ACK)
    t.send(True, FIN | ACK)
    t.send(False, FIN | ACK)
    t.send(True, ACK)


def write_http_follow(path):
    """Write gen_http_follow()'s capture to path (an Ethernet pcap)."""
    cap = Capture(BASE_TS + 50000, step_us=1500)
    gen_http_follow(cap)
    write_pcap(path, LINKTYPE_ETHERNET, cap)


def gen_follow_bulk(cap, nseg=12300):
    """For follow stream: a download longer than the 16 MB the view
    keeps (nseg segments of 1400 bytes), its second data segment lost
    and acknowledged anyway (a hole that never fills)."""
    t = eth_tcp_conn(cap, IP_A, IP_B, 40500, 8080, 0x10000000, 0x20000000)
    t.send(True, SYN, options=syn_opts(1460, 1000000, 7))
    t.send(False, SYN | ACK, options=synack_opts(1460, 2000000, 1000000, 7))
    t.send(True, ACK)
    t.send(True, PSH | ACK, b"GET /big\n")
    for i in range(nseg):
        t.send(False, ACK, pattern(1400, i))
        if i == 1:
            t.cap.pkts.pop()                    # lost
        if i % 8 == 7:
            t.send(True, ACK)
    t.send(False, FIN | ACK)
    t.send(True, FIN | ACK)


def write_follow_bulk(path):
    """Write gen_follow_bulk()'s capture to path."""
    cap = Capture(BASE_TS + 60000, step_us=100)
    gen_follow_bulk(cap)
    write_pcap(path, LINKTYPE_ETHERNET, cap)


def gen_follow_reuse(cap):
    """For follow stream: two TCP connections one after the other on the
    same addresses and ports (new ISNs), each a line and a reply."""
    for isn, text, reply in ((0x1000, b"FIRST CONNECTION\n", b"reply one\n"),
                             (0x9000, b"SECOND CONNECTION\n",
                              b"reply two\n")):
        t = eth_tcp_conn(cap, IP_A, IP_B, 40600, 80, isn, isn * 3)
        t.send(True, SYN)
        t.send(False, SYN | ACK)
        t.send(True, ACK)
        t.send(True, PSH | ACK, text)
        t.send(False, PSH | ACK, reply)
        t.send(True, FIN | ACK)
        t.send(False, FIN | ACK)
        t.send(True, ACK)


def write_follow_reuse(path):
    """Write gen_follow_reuse()'s capture to path."""
    cap = Capture(BASE_TS + 70000, step_us=2000)
    gen_follow_reuse(cap)
    write_pcap(path, LINKTYPE_ETHERNET, cap)


# name, link type, generator, writer options
FILES = [
    ("basic.pcap", LINKTYPE_ETHERNET, gen_basic, {}),
    ("dns.pcap", LINKTYPE_ETHERNET, gen_dns, {}),
    ("vlan.pcap", LINKTYPE_ETHERNET, gen_vlan, {}),
    ("ipv6.pcap", LINKTYPE_ETHERNET, gen_ipv6, {}),
    ("icmp_errors.pcap", LINKTYPE_ETHERNET, gen_icmp_errors, {}),
    ("igmp.pcap", LINKTYPE_ETHERNET, gen_igmp, {}),
    ("tunnels.pcap", LINKTYPE_ETHERNET, gen_tunnels, {}),
    ("badsum.pcap", LINKTYPE_ETHERNET, gen_badsum, {}),
    ("sll.pcap", LINKTYPE_LINUX_SLL, gen_sll, {}),
    ("raw.pcap", LINKTYPE_RAW, gen_raw, {}),
    ("mixed.pcapng", LINKTYPE_ETHERNET, gen_mixed, {"pcapng": True}),
    ("nsec.pcap", LINKTYPE_ETHERNET, gen_nsec,
     {"nsec": True, "big_endian": True}),
    ("longv6.pcap", LINKTYPE_ETHERNET, gen_longv6, {}),
]


def gen_all(outdir):
    """Write every capture of FILES into outdir."""
    os.makedirs(outdir, exist_ok=True)
    for i, (name, linktype, gen, opts) in enumerate(FILES):
        cap = Capture(BASE_TS + 1000 * i, step_us=1250 + 111 * i)
        gen(cap)
        path = os.path.join(outdir, name)
        if opts.get("pcapng"):
            write_pcapng(path, linktype, cap)
        else:
            write_pcap(path, linktype, cap, nsec=opts.get("nsec", False),
                       big_endian=opts.get("big_endian", False))


# ---------------------------------------------------------------------------
# --big: many packets over many flows, fast

def big_templates(nflows):
    """Two frames per flow: client data and server ACK."""
    tpl = []
    for f in range(nflows):
        kind = f % 10
        cport = 1024 + (f * 7) % 64000
        sport = (80, 443, 5001, 8080, 8765)[f % 5]
        size = 40 + (f * 37) % 1200
        if kind < 8:
            cli = "10.%d.%d.%d" % ((f >> 16) & 255, (f >> 8) & 255, f & 255)
            srv = "172.16.%d.%d" % ((f >> 8) % 256, 1 + f % 250)
            v6 = False
        else:
            cli = "2001:db8:%x::%x" % ((f >> 16) & 0xFFFF, f & 0xFFFF)
            srv = "2001:db8:ffff::%x" % (1 + f % 250)
            v6 = True
        if kind in (6, 7):
            fwd = udp(cli, srv, cport, sport, pattern(size, f))
            rev = udp(srv, cli, sport, cport, pattern(size // 2, f))
            proto = 17
        else:
            fwd = tcp(cli, srv, cport, sport, 1000 + f, 5000 + f,
                      PSH | ACK, 502, b"", pattern(size, f))
            rev = tcp(srv, cli, sport, cport, 5000 + f, 1000 + f + size,
                      ACK, 502)
            proto = 6
        if v6:
            a = eth(MAC_B, MAC_A, 0x86DD, ipv6(cli, srv, proto, fwd))
            b = eth(MAC_A, MAC_B, 0x86DD, ipv6(srv, cli, proto, rev))
        else:
            a = eth(MAC_B, MAC_A, 0x0800, ipv4(cli, srv, proto, fwd,
                                               ident=f & 0xFFFF))
            b = eth(MAC_A, MAC_B, 0x0800, ipv4(srv, cli, proto, rev,
                                               ident=f & 0xFFFF, ttl=60),
                    pad=True)
        tpl.append((struct.pack("<II", len(a), len(a)) + a,
                    struct.pack("<II", len(b), len(b)) + b))
    return tpl


def gen_big(npkts, nflows, path):
    """Write npkts packets over nflows flows: 2/3 client data, 1/3 ACKs,
    flows picked by a seeded LCG, 1 microsecond apart."""
    tpl = big_templates(nflows)
    out = open(path, "wb") if path != "-" else sys.stdout.buffer
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535,
                          LINKTYPE_ETHERNET))
    pack = struct.Struct("<II").pack
    x = 20240101
    sec, usec = BASE_TS, 0
    chunk = []
    for i in range(npkts):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        pair = tpl[(x >> 4) % nflows]
        chunk.append(pack(sec, usec))
        chunk.append(pair[1] if (x & 3) == 0 or i % 3 == 2 else pair[0])
        usec += 1
        if usec == 1000000:
            sec, usec = sec + 1, 0
        if len(chunk) >= 131072:
            out.write(b"".join(chunk))
            chunk = []
    out.write(b"".join(chunk))
    if out is not sys.stdout.buffer:
        out.close()


def main(argv):
    """Parse the command line and write the captures."""
    if len(argv) >= 4 and argv[1] == "--big":
        npkts, nflows = int(argv[2]), int(argv[3])
        if npkts < 0 or nflows < 1:
            sys.exit("gen_pcaps.py: --big needs N >= 0 and FLOWS >= 1")
        gen_big(npkts, nflows, argv[4] if len(argv) > 4 else "-")
        return 0
    if len(argv) != 2 or argv[1].startswith("-"):
        sys.stderr.write(__doc__)
        return 2
    gen_all(argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
