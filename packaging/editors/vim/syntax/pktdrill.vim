" SPDX-License-Identifier: GPL-2.0-only
" Vim syntax file
" Language:	pktdrill and packetdrill test scripts (.pkt), see pktdrill-script(5)
" The system call names are pktdrill's table's (tests/runner/test_editors.sh
" checks that they agree); what pktdrill's lexer rejects is an error.

if exists("b:current_syntax")
  finish
endif
let s:cpo_save = &cpo
set cpo&vim
syn case match

" First, so that every rule below wins over it.
syn match pktError "\S"

syn match pktWord "\<\w\+\>"
syn match pktSymbol "\<[A-Z][A-Z0-9_]*\>"
syn match pktCall "\<\h\w*\ze\s*("
syn keyword pktSyscall accept bind cap_set close connect epoll_create
      \ epoll_ctl epoll_wait fcntl getsockopt ioctl listen open pipe poll
      \ psp_rx_assoc psp_tx_assoc read readv recv recvfrom recvmsg send
      \ sendfile sendmsg sendto setsockopt shutdown socket splice tcp_state
      \ write writev
syn keyword pktPacketKeyword ipv4 ipv6 icmp udp GREv0 gre raw sum off key seq
      \ none checksum present encap psp spi mpls label tc ttl ack eol ecr mss
      \ mtu nop sack sackOK md5 TS FO FOEXP ECN e0b e1b ceb tos flowlabel
      \ flags Flags val win urg wscale ect01 ect0 ect1 noecn ce id
syn match pktPacketKeyword "\<sequence#"
syn keyword pktField sa_family sin_port sin_addr msg_name msg_iov msg_flags
      \ msg_control cmsg_data cmsg_level cmsg_type ee_errno ee_origin ee_type
      \ ee_code ee_info ee_data scm_sec scm_nsec fd u32 u64 ptr events revents
      \ onoff linger
syn keyword pktFunction htons inet_addr inet6_addr

syn match pktPunct "[<>:()\[\]{},=+*~|./-]"
syn match pktDirection "[<>]\ze\s"
syn match pktNumber "-\=\<\d\+\>"
syn match pktNumber "-\=\d*\.\d\+\>"
syn match pktNumber "\<0x\x\+\>"
syn match pktAddress "\<\d\+\.\d\+\.\d\+\.\d\+\>"
syn match pktAddress "\<\x\{,4}\(:\x\{,4}\)\{2,7}\(\.\d\+\)\{,3}\>"
syn match pktEllipsis "\.\.\."
syn match pktTime "^\s*+\=\(\d*\.\)\=\d\+\(\~+\=\(\d*\.\)\=\d\+\)\="
syn match pktTime "^\s*\*\ze\s"
syn match pktTime "\.\.\.\(\d*\.\)\=\d\+"
syn match pktOption "--\w\+"

syn match pktEscape "\\\(x\x\x\|.\)" contained
syn region pktString start=+"+ skip=+\\.+ end=+"+ contains=pktEscape
syn region pktCommand start=+`+ skip=+\\.+ end=+`+ contains=pktEscape

" %{ }%: Python
syn include @pktPython syntax/python.vim
unlet! b:current_syntax
syn region pktCode matchgroup=pktCodeDelim start="%{" end="}%" keepend contains=@pktPython

syn keyword pktTodo TODO FIXME XXX contained
syn match pktComment "//.*$" contains=pktTodo,@Spell
syn region pktComment start="/\*" end="\*/" contains=pktTodo,@Spell

hi def link pktError Error
hi def link pktComment Comment
hi def link pktTodo Todo
hi def link pktString String
hi def link pktEscape SpecialChar
hi def link pktCommand PreProc
hi def link pktCodeDelim Delimiter
hi def link pktOption PreProc
hi def link pktTime Special
hi def link pktEllipsis Special
hi def link pktNumber Number
hi def link pktAddress Number
hi def link pktPacketKeyword Keyword
hi def link pktField Identifier
hi def link pktFunction Function
hi def link pktSyscall Function
hi def link pktCall Function
hi def link pktSymbol Constant
hi def link pktDirection Operator

let b:current_syntax = "pktdrill"
let &cpo = s:cpo_save
unlet s:cpo_save
