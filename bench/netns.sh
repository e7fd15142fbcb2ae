# Two network namespaces, "a" and "b", joined by a veth pair: the hosts of
# the live benchmarks (bench/live.sh, bench/tui.sh) and of
# tests/tui_live.sh.  Source it from bash; it runs nothing by itself.
# Whatever runs in the namespaces is killed with them (netns_remove, from
# the caller's EXIT trap), so a run leaves nothing behind.

# Name the namespaces and links of this run after prefix $1 (unique to the
# run, e.g. with $$): sets P, NA and NB (the namespaces), IA and IB (the
# veth ends in them).
netns_names() {
	P=$1
	NA=${P}a NB=${P}b IA=${P}-a IB=${P}-b
}

# Kill everything running in our namespaces and remove them (also when
# they were never made).
netns_remove() {
	local n
	for n in "$NA" "$NB"; do
		ip netns pids "$n" 2>/dev/null | xargs -r kill -9 2>/dev/null
		ip netns del "$n" 2>/dev/null
	done
}

# The benchmarks' hosts: make the namespaces and the veth pair, IPv6 off
# and the links up, or die (the caller's) saying what failed.
netns_veth_pair() {
	local s
	ip netns add "$NA" && ip netns add "$NB" ||
	    die "cannot create namespaces"
	ip link add "$IA" netns "$NA" type veth peer name "$IB" netns "$NB" ||
	    die "cannot create a veth pair"
	for s in a b; do
		ip netns exec "$P$s" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		    net.ipv6.conf.default.disable_ipv6=1
		# A large MTU so that every replayed frame fits.
		ip -n "$P$s" link set "$P-$s" mtu 9000 up
	done
}
