" SPDX-License-Identifier: GPL-2.0-only
" Run by tests/runner/test_editors.sh on tests/editors/sample.pkt, with
" packaging/editors/vim first in 'runtimepath': the file type is detected, the syntax
" file loads without an error, and the text gets the groups it should. Writes
" one line per problem to $OUT (nothing if all is well).
let s:problems = []
if v:errmsg !=# ''
  call add(s:problems, 'error while loading: ' . v:errmsg)
endif
if &filetype !=# 'pktdrill'
  call add(s:problems, "filetype is '" . &filetype . "', not pktdrill")
endif
" pattern (very nomagic) -> syntax group at its first match
let s:want = [
      \ ['// a comment', 'pktComment'],
      \ ['--tolerance_usecs', 'pktOption'],
      \ ['socket', 'pktSyscall'],
      \ ['SOCK_STREAM', 'pktSymbol'],
      \ ['< S', 'pktDirection'],
      \ ['win', 'pktPacketKeyword'],
      \ ['65535', 'pktNumber'],
      \ ['192.0.2.1', 'pktAddress'],
      \ ['acept', 'pktCall'],
      \ ['"abc', 'pktString'],
      \ ['\n', 'pktEscape'],
      \ ['`true', 'pktCommand'],
      \ ['%{', 'pktCodeDelim'],
      \ ['...0.1', 'pktTime'],
      \ ['#', 'pktError'],
      \ ]
for [s:pat, s:group] in s:want
  call cursor(1, 1)
  if search('\V' . escape(s:pat, '\'), 'cW') == 0
    call add(s:problems, s:pat . ': not in the sample')
    continue
  endif
  let s:got = synIDattr(synID(line('.'), col('.'), 1), 'name')
  if s:got !=# s:group
    call add(s:problems, printf("%s (line %d): %s, not %s", s:pat, line('.'), s:got, s:group))
  endif
endfor
call writefile(s:problems, $OUT)
qa!
