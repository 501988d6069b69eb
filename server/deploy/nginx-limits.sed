# alignkit: nginx in front of the template service holds 10,000 and more connections at once
# (slow, idle or hostile clients included) instead of Debian's 768 per worker. Applied to Debian's
# own /etc/nginx/nginx.conf by the administrator, once (the README's runbook):
#   sudo sed -i -f /usr/share/alignkit/nginx-limits.sed /etc/nginx/nginx.conf && sudo systemctl reload nginx
# Running it again changes nothing more.
1i worker_rlimit_nofile 65536;
/^worker_rlimit_nofile /d
s/^\(\s*worker_connections\s\+\)[0-9]\+;/\116384;/
