/* SPDX-License-Identifier: GPL-2.0-only */
/* test_conn: the connection state machine — what the system calls and the
 * packets of a script do to a connection's handshake state, tuple and ISNs —
 * and the fd table's connections. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "runtime/context/conn.h"
#include "runtime/context/fd_table.h"

static struct ip_addr addr4(uint8_t last)
{
	struct ip_addr a = {.family = AF_INET};

	a.bytes[0] = 192;
	a.bytes[1] = 0;
	a.bytes[2] = 2;
	a.bytes[3] = last;
	return a;
}

static struct packet syn_from(uint16_t sport, uint32_t seq, uint16_t flags)
{
	struct packet p = {
	    .protocol = IPPROTO_TCP, .tcp_flags = flags, .sport = sport, .dport = 8080, .seq = seq};

	p.src = addr4(7);
	p.dst = addr4(1);
	return p;
}

/* connect(), the script's "> S", the SYN learned, "< S." and the RST info. */
static void test_active_open(void **state)
{
	struct fd_table t = {0};
	struct conn *c = fd_table_add(&t, FD_SOCKET, 3, 10)->conn;
	struct ip_addr remote = addr4(1);

	c->type = SOCK_STREAM;
	assert_int_equal(c->state, CONN_NEW);
	conn_connect(c, &remote, 8080);
	assert_int_equal(c->state, CONN_ACTIVE_CONNECTING);
	assert_true(conn_script_outbound(c, TCPF_SYN, 0));
	assert_int_equal(c->state, CONN_ACTIVE_SYN_SENT);

	struct packet syn = syn_from(40000, 1000, TCPF_SYN);
	struct packet ack = syn_from(40000, 1000, TCPF_ACK);
	assert_true(conn_is_connect_syn(c, &remote, 8080, &syn));
	assert_false(conn_is_connect_syn(c, &remote, 8081, &syn));
	assert_false(conn_is_connect_syn(c, &remote, 8080, &ack));
	conn_learn_connect(c, &syn);
	assert_true(c->tuple_known);
	assert_int_equal(c->local_port, 40000);
	assert_int_equal(c->live_local_isn, 1000);

	conn_script_inbound(c, TCPF_SYN | TCPF_ACK, 77);
	assert_int_equal(c->state, CONN_ACTIVE_SYN_ACKED);
	assert_int_equal(c->remote_isn, 77);
	assert_int_equal(conn_live_fd(c), 10);
	fd_table_free(&t);
}

/* connect(AF_UNSPEC), then connect(): the next SYN, from a new port,
 * teaches the new tuple (the old one is kept until then). */
static void test_reconnect(void **state)
{
	struct fd_table t = {0};
	struct conn *c = fd_table_add(&t, FD_SOCKET, 3, 10)->conn;
	struct ip_addr remote = addr4(1);
	struct packet first = syn_from(40000, 1000, TCPF_SYN), again = syn_from(40002, 5, TCPF_SYN);

	conn_connect(c, &remote, 8080);
	conn_script_outbound(c, TCPF_SYN, 0);
	conn_learn_connect(c, &first);
	conn_disconnect(c);
	assert_int_equal(c->state, CONN_NEW);
	assert_true(c->tuple_known);
	assert_false(conn_is_connect_syn(c, &remote, 8080, &again));
	conn_connect(c, &remote, 8080);
	assert_true(conn_script_outbound(c, TCPF_SYN, 0));
	assert_true(conn_is_connect_syn(c, &remote, 8080, &again));
	conn_learn_connect(c, &again);
	assert_int_equal(c->local_port, 40002);
	assert_int_equal(c->live_local_isn, 5);
	fd_table_free(&t);
}

/* listen(), a SYN opens a child, "> S." sets its ISNs, "< ." completes the
 * handshake, accept() finds it by its peer port and names it. */
static void test_passive_open(void **state)
{
	struct fd_table t = {0};
	struct conn *l = fd_table_add(&t, FD_SOCKET, 3, 10)->conn;
	struct ip_addr local = addr4(7), remote = addr4(1);

	conn_listen(l);
	assert_int_equal(l->state, CONN_PASSIVE_LISTENING);
	struct conn *child = fd_table_add_conn(&t);
	conn_passive_open(child, &local, 8080, &remote, 50000, 100);
	assert_int_equal(child->state, CONN_PASSIVE_PACKET_RECEIVED);
	assert_true(child->tuple_known);
	assert_false(conn_script_outbound(child, TCPF_SYN | TCPF_ACK, 0));
	assert_null(fd_table_unaccepted(&t, 50000)); /* no SYN-ACK seen yet */

	struct packet synack = syn_from(8080, 9000, TCPF_SYN | TCPF_ACK);
	conn_sniffed(child, &synack);
	assert_int_equal(child->state, CONN_PASSIVE_SYNACK_SENT);
	assert_int_equal(child->live_local_isn, 9000);
	assert_int_equal(child->out_seq, 9001);
	conn_script_inbound(child, TCPF_ACK, 1);
	assert_int_equal(child->state, CONN_PASSIVE_SYNACK_ACKED);

	assert_ptr_equal(fd_table_unaccepted(&t, 50000), child);
	assert_int_equal(conn_live_fd(child), -1);
	struct fd_entry *e = fd_table_accept(&t, child, 4, 11);
	assert_ptr_equal(e->conn, child);
	assert_int_equal(conn_live_fd(child), 11);
	assert_null(fd_table_unaccepted(&t, 50000)); /* accepted: no longer waiting */
	e->closed = true;
	assert_int_equal(conn_live_fd(child), -1);
	fd_table_free(&t);
}

/* A send to the remote end connects a new UDP socket, a TCP one only with
 * MSG_FASTOPEN, and never one that is already on its way. */
static void test_send_connects(void **state)
{
	struct conn tcp = {.type = SOCK_STREAM}, udp = {.type = SOCK_DGRAM};
	struct ip_addr remote = addr4(1);

	conn_send_to_remote(&tcp, false, &remote, 8080);
	assert_int_equal(tcp.state, CONN_NEW);
	conn_send_to_remote(&tcp, true, &remote, 8080);
	assert_int_equal(tcp.state, CONN_ACTIVE_CONNECTING);
	conn_send_to_remote(&udp, false, &remote, 9090);
	assert_int_equal(udp.state, CONN_ACTIVE_CONNECTING);
	assert_int_equal(udp.remote_port, 9090);
	udp.state = CONN_ACTIVE_SYN_ACKED;
	conn_send_to_remote(&udp, false, &remote, 1);
	assert_int_equal(udp.remote_port, 9090);
}

/* The end-of-script RST takes the numbers of the last injected ACK. */
static void test_injected(void **state)
{
	struct conn c = {0};
	struct packet p = {.protocol = IPPROTO_TCP,
			   .tcp_flags = TCPF_ACK | TCPF_FIN,
			   .seq = 10,
			   .ack = 20,
			   .win = 300,
			   .payload_len = 5};

	conn_injected(&c, &p);
	assert_true(c.injected_ack);
	assert_int_equal(c.in_next_seq, 16);
	assert_int_equal(c.in_ack, 20);
	assert_int_equal(c.in_win, 300);
	p.tcp_flags = TCPF_SYN;
	c.injected_ack = false;
	conn_injected(&c, &p);
	assert_false(c.injected_ack);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_active_open),	 cmocka_unit_test(test_reconnect),
	    cmocka_unit_test(test_passive_open), cmocka_unit_test(test_send_connects),
	    cmocka_unit_test(test_injected),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
