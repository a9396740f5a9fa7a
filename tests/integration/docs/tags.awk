# SPDX-License-Identifier: BSD-2-Clause
# tags.awk - for tags.bats: lists the bats cases that can skip for a missing kernel
# feature, each "vm FILE:LINE NAME" (tagged vm) or "- FILE:LINE NAME" (not).
# Operands: pass=1 then every .bash and .bats file (the functions that skip), pass=2
# then the .bats files (the cases). Files are named ./DIR/FILE.

# skips(l): 1 when line l skips for a missing kernel feature, itself or through a
# function found in pass 1; comments and esa_skip_unless_kernel's own definition never
function skips(l,   h) {
	if (l ~ /^[[:blank:]]*#/ || l ~ /^esa_skip_unless_kernel\(\)/)
		return 0
	if (l ~ /esa_skip_unless_kernel|skip[[:blank:]]+"skipped: kernel lacks/)
		return 1
	for (h in helper)
		if (l ~ ("(^|[^[:alnum:]_])" h "([^[:alnum:]_]|$)"))
			return 1
	return 0
}

# hastag(list): 1 when the comma-separated list of tags holds vm
function hastag(list,   n, i, t) {
	n = split(list, t, ",")
	for (i = 1; i <= n; i++) {
		gsub(/^[[:blank:]]+|[[:blank:]]+$/, "", t[i])
		if (t[i] == "vm")
			return 1
	}
	return 0
}

FNR == 1 { fn = ""; cur = 0; insetup = 0; ftags = ""; ttags = "" }

# bodyskips(f): 1 when a line of function f's body skips (see skips())
function bodyskips(f,   n, i, b) {
	n = split(body[f], b, "\n")
	for (i = 1; i <= n; i++)
		if (skips(b[i]))
			return 1
	return 0
}

# pass 1: a function's body, from "name() {" to "}" in the first column, kept; setup
# and setup_file count for their whole file in pass 2, not as helpers
pass == 1 && /^[[:alnum:]_]+\(\)/ {
	fn = $0
	sub(/\(.*/, "", fn)
	if (fn ~ /^(esa_skip_unless_kernel|setup|setup_file)$/)
		fn = ""
	next
}
pass == 1 && /^}/ { fn = ""; next }
pass == 1 && fn != "" { body[fn] = body[fn] "\n" $0 }
pass == 1 { next }

# between the passes: the helpers, found again until no new one is (a helper may call
# one that a later file defines)
!found {
	found = 1
	do {
		more = 0
		for (f in body)
			if (!(f in helper) && bodyskips(f)) {
				helper[f] = 1
				more = 1
			}
	} while (more)
}

# pass 2: tags as bats reads them: file_tags for every later case, test_tags for the next
/^[[:blank:]]*#[[:blank:]]*bats[[:blank:]]+file_tags=/ { ftags = $0; sub(/.*file_tags=/, "", ftags) }
/^[[:blank:]]*#[[:blank:]]*bats[[:blank:]]+test_tags=/ { ttags = $0; sub(/.*test_tags=/, "", ttags) }
/^[[:blank:]]*@test[[:blank:]]/ {
	name = $0
	sub(/^[[:blank:]]*@test[[:blank:]]+/, "", name)
	sub(/[[:blank:]]*\{[[:blank:]]*$/, "", name)
	n++
	where[n] = substr(FILENAME, 3) ":" FNR " " name
	file[n] = FILENAME
	tagged[n] = hastag(ftags) || hastag(ttags)
	ttags = ""
	cur = n
	next
}
/^(setup|setup_file)\(\)/ { insetup = 1 }
insetup && skips($0) { filehit[FILENAME] = 1 }
cur && skips($0) { hit[cur] = 1 }
/^}/ { cur = 0; insetup = 0 }

END {
	for (i = 1; i <= n; i++)
		if (hit[i] || filehit[file[i]])
			print (tagged[i] ? "vm" : "-"), where[i]
}
