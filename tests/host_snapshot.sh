#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Prints what the test suite must never change in the host's network
# namespace: links, addresses, routes (IPv4 and IPv6), network namespaces and
# the net.ipv4.tcp_* sysctls. .ci/run takes it before and after all its tests
# and requires the two to be identical.
set -u
echo "== links"
ip -o link show | sed -E 's/^[0-9]+: //; s/ (qlen|link\/ether|link\/none).*//' | sort
echo "== addresses"
ip -o addr show | awk '{print $2, $3, $4}' | sort
echo "== routes"
ip -4 route show table all | sort
ip -6 route show table all | grep -v '^ff00::/8\|^local fe80' | sort
echo "== namespaces"
ip netns list | sort
echo "== tcp sysctls"
sysctl -a 2>/dev/null | grep '^net\.ipv4\.tcp_' | sort
