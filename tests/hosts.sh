# Two test hosts for the live tests, sourced after lib.sh: network
# namespaces "a" and "b" ($NA, $NB) joined by a veth pair ($IA in a, $IB
# in b) with the addresses $A and $B and static neighbours (no ARP in the
# middle of a count).  Call netns_names PREFIX and set A and B, then
# hosts_up; remove everything with netns_remove (from bench/netns.sh).

. "$TESTS_SRCDIR/../bench/netns.sh"

# ip, with a time limit.
tip() { timeout 10 ip "$@"; }

# Run a command in host a or b with a time limit: in_ns a|b SECS CMD...
in_ns() {
	local ns=$P$1 secs=$2
	shift 2
	timeout -k 2 "$secs" ip netns exec "$ns" "$@"
}

# Create the veth link between a and b (again after a deletion test).
hosts_link() {
	local s ma mb

	tip link add "$IA" netns "$NA" type veth peer name "$IB" netns "$NB" ||
	    return 1
	for s in a b; do
		tip -n "$P$s" link set "$P-$s" mtu 9000 up || return 1
	done
	tip -n "$NA" addr add "$A/24" dev "$IA" &&
	tip -n "$NB" addr add "$B/24" dev "$IB" || return 1
	ma=$(in_ns a 5 cat "/sys/class/net/$IA/address") &&
	mb=$(in_ns b 5 cat "/sys/class/net/$IB/address") || return 1
	tip -n "$NA" neigh replace "$B" lladdr "$mb" dev "$IA" nud permanent &&
	tip -n "$NB" neigh replace "$A" lladdr "$ma" dev "$IB" nud permanent
}

# Both hosts (no IPv6: no router solicitations in the counts) and their
# link; skips the test when the machine cannot make them.
hosts_up() {
	local s

	tip netns add "$NA" 2>/dev/null ||
	    skip "cannot create network namespaces"
	tip netns add "$NB" || skip "cannot create network namespaces"
	for s in a b; do
		in_ns $s 5 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		    net.ipv6.conf.default.disable_ipv6=1 >/dev/null 2>&1
		tip -n "$P$s" link set lo up
	done
	hosts_link || skip "cannot create a veth pair"
}
