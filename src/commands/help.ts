// Usage texts, one per command, printed by --help and after a usage error's line.

export const MAIN_HELP = `svc-tutor: learn Kubernetes Service networking on a simulated cluster, offline.

Usage:
  svc-tutor [--seed N]           open the course (needs a terminal); --seed N makes the
                                 session's clusters and questions reproducible
  svc-tutor reset [--yes]        erase saved progress (asks first)
  svc-tutor rules -f FILE…       the iptables rules kube-proxy writes on a node
  svc-tutor trace -f FILE… …     where a packet goes through a node's rules
  svc-tutor cidr CIDR [IP…]      CIDR arithmetic, and whether it is a valid service range
  svc-tutor scenario             a generated cluster as manifests, for rules and trace
  svc-tutor shell                the node shell of a kubeadm cluster, full screen (needs a terminal)
  svc-tutor shell -c LINE        run a command line in the node shell of a kubeadm cluster
  svc-tutor task list            CKA-style practice tasks (task show|solution|check ID)

Options:
  --help       this text, or a command's (svc-tutor rules --help)
  --version    the version

Example:
  svc-tutor scenario --seed 7 | svc-tutor rules -f - --node node01
`;

export const RULES_HELP = `Usage: svc-tutor rules -f FILE [-f FILE…] [--node NAME] [--format save|restore|list|spec] [--table nat|filter] [-n] [-v [-x]] [--line-numbers] [--chain CHAIN] [--proxy-mode iptables|nftables]

Prints the rules a current kube-proxy (v1.31–v1.34, iptables mode; v1.34 in nftables mode)
writes on NODE for the cluster in the manifests.

  -f, --filename FILE   YAML or JSON: one or more documents, or Lists: what kubectl get … -A
                        -o yaml prints works as is (kubectl get all, nodes, endpoints,
                        servicecidrs, the kube-proxy ConfigMap…, or kubectl cluster-info dump;
                        kinds svc-tutor does not use are skipped with one note), with at most
                        one KubeProxyConfiguration;
                        - reads standard input
  --node NAME           the node; may be left out when there is only one
  --node-ip IP          for input without Nodes: the InternalIP of the node --node names
  --format FORMAT       save     what iptables-save prints on the node (default)
                        restore  kube-proxy's own iptables-restore input
                        list     what iptables -t TABLE -L prints
                        spec     what iptables -t TABLE -S prints
  --table TABLE         nat or filter (default: every table for save and restore, nat for list and spec)
  -n, --numeric         with --format list: numbers, as iptables -L -n
  -v, --verbose         with list or spec: counters (0 on a fresh node), and interfaces with list
  -x, --exact           with list -v: counters as whole numbers, as iptables -L -v -x
  --line-numbers        with list: each rule's number, as iptables -L --line-numbers
  --chain CHAIN         with list or spec: that chain only, as iptables -L CHAIN / -S CHAIN
  --service-cluster-ip-range CIDR
                        the range Services without a clusterIP get one from (default: the
                        ServiceCIDR "kubernetes", else the range the clusterIPs imply, said
                        on stderr, else 10.96.0.0/12)
  --proxy-mode MODE     iptables or nftables (default: the KubeProxyConfiguration's mode, else
                        iptables); in nftables mode save is what nft list table ip kube-proxy
                        prints and restore the transaction kube-proxy v1.34 writes

Services without a clusterIP or nodePort get one; Services without EndpointSlices get them
from the Pods they select, or from their Endpoints when they have no selector.
`;

export const TRACE_HELP = `Usage: svc-tutor trace -f FILE… --node NAME --from IP|POD --to IP:PORT [--proto tcp|udp|sctp] [--json] [--proxy-mode iptables|nftables]

Walks the first packet of a connection through NODE's tables as the kernel would, and prints
every rule it meets and where it can end: DNAT to an endpoint (with its probability), REJECT,
DROP, or untouched, and whether the endpoint sees the source masqueraded.

  -f, --filename FILE   the cluster, as for svc-tutor rules
  --node NAME           the node whose rules the packet meets (default: the Pod's own node)
  --node-ip IP          as for svc-tutor rules
  --from IP|POD         a Pod (NAME or NAMESPACE/NAME), one of the node's addresses (traffic
                        the node itself sends, entering OUTPUT) or any other address (PREROUTING)
  --to IP:PORT          the destination, e.g. a Service's clusterIP:port or NODE-IP:NODEPORT
  --proto PROTO         tcp (default), udp or sctp
  --json                {"node","entry","outcomes":[{"verdict","to","probability","masquerade","path"}]}
  --service-cluster-ip-range CIDR   as for svc-tutor rules
  --proxy-mode MODE     walk the iptables rules or the nftables table (ip kube-proxy, the only
                        table on the node) as that mode writes them (default: the
                        KubeProxyConfiguration's mode, else iptables)
`;

export const CIDR_HELP = `Usage: svc-tutor cidr CIDR [IP…] [--json]

Network, first and last address, usable hosts and size of an IPv4 block, whether kube-apiserver
accepts it as --service-cluster-ip-range, and for each IP whether it lies inside.

  --json   the same as JSON

Example: svc-tutor cidr 10.96.0.0/12 10.111.255.255 10.112.0.1
`;

export const SCENARIO_HELP = `Usage: svc-tutor scenario [--seed N] [--name NAME] [--nodes N] [--services N] [-o yaml|json]

Prints a generated cluster as manifests that svc-tutor rules and trace read: a control-plane
node and workers, flannel pod CIDRs, Deployments' Pods, the kubernetes and kube-dns Services,
ClusterIP and NodePort Services (some with several endpoints, one with none), their
EndpointSlices and the kube-proxy configuration. The same seed gives the same cluster.

  --seed N          the seed (default 1)
  --name NAME       a named cluster instead: seed-notes (Pod db at 10.244.1.2,
                    Service db-service at 10.103.132.104:3306)
  --nodes N         worker nodes (default 2)
  --services N      application Services (default 4)
  -o, --output FMT  yaml (default) or json
`;

export const RESET_HELP = `Usage: svc-tutor reset [--yes]

Erases your saved progress (lessons, answers, practice score, seed and settings), after asking.

  --yes   do not ask (needed when there is no terminal to ask on)

Progress lives in the user's config directory, or in SVC_TUTOR_CONFIG_DIR when it is set.
`;

export const SHELL_HELP = `Usage: svc-tutor shell [--seed N] [--node NAME]
       svc-tutor shell -c 'COMMAND LINE' [--seed N] [--node NAME]

Without -c, opens the node shell full screen in the terminal (Tab completes, ↑↓ recall the
history kept in shell-history beside progress.json, exit or Esc leaves). With -c, runs one
command line in the node shell: a root shell on a simulated kubeadm cluster
(controlplane, node01, node02; flannel; kube-proxy in iptables mode) drawn from the seed.
kubectl, iptables, iptables-save, ssh NODE, cat, ls, grep, sed, awk, sort, ipcalc … work as on
a real node, with pipes, &&, ||, ;, quotes, $(…) and redirections into the node's own files.
The line's stdout and stderr are printed on their own streams; the exit status is the line's.

  -c LINE        the command line, e.g. 'iptables -t nat -L KUBE-SERVICES -n'
  --seed N       the cluster: the same seed gives the same cluster (default: 1 with -c,
                 the course's seed without)
  --node NAME    the node the shell starts on (default controlplane)

Example:
  svc-tutor shell -c 'iptables-save | grep db-service'
`;

export const TASK_HELP = `Usage: svc-tutor task list [--json]
       svc-tutor task show ID [--seed N]
       svc-tutor task solution ID [--seed N]
       svc-tutor task check ID [--seed N] --script FILE

CKA-style practice tasks on Service networking, in three groups: inspect (find a fact and write
it to a file), change (fix or create objects) and compute (CIDR arithmetic, where a packet goes).
Each seed draws its own names, ports, ranges and nodes, on its own kubeadm cluster (the node
shell's), prepared for the task.

  list          every task: id, group, Kubernetes version, title (--json for a JSON array)
  show ID       the task text for the seed
  solution ID   a reference solution: shell command lines, one per line
  check ID      runs FILE's lines in the node shell on the task's fresh cluster, then checks the
                cluster and files it left: each requirement with ✔ or ✖ and what was found.
                Exit status 0 when every check passes, 1 when one fails, 2 on bad input.
  --seed N      which instance of the task (default 1)
  --script FILE the command lines to run; - reads standard input

Example:
  svc-tutor task solution fix-selector --seed 3 | svc-tutor task check fix-selector --seed 3 --script -
`;
