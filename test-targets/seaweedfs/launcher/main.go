// Command seaweedfs-launcher serves SeaweedFS's S3 gateway (github.com/seaweedfs/seaweedfs) on loopback for the SSE
// conformance suite. It runs SeaweedFS's own `weed mini` command (master, volume server, filer and S3 gateway in one
// process) in this process, with every port it opens chosen free on -host and every service bound there, the WebDAV
// server, the Iceberg and Lance catalogs, the legacy admin port and telemetry off, and its data in -dir. Its S3 config
// file (written into -dir) names one identity per -credentials key pair, each allowed everything (SeaweedFS denies every
// request when its config names none), and with -kms URL a KMS block: SeaweedFS's AWS KMS provider (weed/kms/aws)
// pointed at that endpoint, so the keys a client creates there are the ones its SSE-KMS uses. WEED_* and AWS_*
// variables of the environment are dropped (SeaweedFS reads the first as configuration, and would make AWS credentials
// an identity of its own). Once the S3 gateway answers, it prints
// `listening on http://HOST:PORT`. SIGTERM and SIGINT go to SeaweedFS's own shutdown hooks. Nothing SeaweedFS answers
// is changed.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/seaweedfs/seaweedfs/weed/command"
	util_http "github.com/seaweedfs/seaweedfs/weed/util/http"
)

// freePort asks the system for a free TCP port on host.
func freePort(host string) int {
	ln, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		fail("no free port on %s: %v", host, err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func fail(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "seaweedfs-launcher: "+format+"\n", a...)
	os.Exit(1)
}

func main() {
	host := flag.String("host", "127.0.0.1", "address every SeaweedFS service binds")
	dir := flag.String("dir", "", "data folder (required)")
	kms := flag.String("kms", "", "AWS KMS endpoint for SSE-KMS (empty: no KMS)")
	region := flag.String("region", "us-east-1", "region of the KMS endpoint")
	credentials := flag.String("credentials", "", "ACCESS_KEY:SECRET_KEY[,…]: the identities SeaweedFS accepts (required)")
	timeout := flag.Duration("timeout", 120*time.Second, "how long the S3 gateway may take to answer")
	flag.Parse()
	if *dir == "" || *credentials == "" {
		fail("-dir and -credentials are required")
	}
	// SeaweedFS reads WEED_* variables as configuration (viper), and makes AWS credentials and S3_BUCKET an identity
	// and a bucket of its own: none of the user's may change what it answers.
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "WEED_") || name == "S3_BUCKET" || name == "S3_TABLE_BUCKET" || strings.HasPrefix(name, "AWS_") {
			os.Unsetenv(name)
		}
	}

	s3Port := freePort(*host)
	args := []string{
		"-dir=" + *dir,
		"-ip=" + *host,
		"-ip.bind=" + *host,
		"-master.telemetry=false",
		"-webdav=false",
		"-admin.ui=false",
		"-admin.port.legacy=0",
		"-s3.port.iceberg=0",
		"-s3.port.lance=0",
		"-s3.port=" + strconv.Itoa(s3Port),
		// Its filer's and S3 gateway's local sockets in -dir (their default is /tmp/seaweedfs-<service>-<port>.sock).
		"-filer.localSocket=" + filepath.Join(*dir, "filer.sock"),
		"-s3.localSocket=" + filepath.Join(*dir, "s3.sock"),
	}
	for _, name := range []string{"master.port", "master.port.grpc", "volume.port", "volume.port.grpc", "filer.port", "filer.port.grpc", "s3.port.grpc", "webdav.port", "admin.port", "admin.port.grpc"} {
		args = append(args, fmt.Sprintf("-%s=%d", name, freePort(*host)))
	}
	identities := []any{}
	for i, pair := range strings.Split(*credentials, ",") {
		access, secret, ok := strings.Cut(pair, ":")
		if !ok || access == "" || secret == "" {
			fail("-credentials: %q is not ACCESS_KEY:SECRET_KEY", pair)
		}
		identities = append(identities, map[string]any{
			"name":        fmt.Sprintf("principal-%d", i),
			"credentials": []any{map[string]any{"accessKey": access, "secretKey": secret}},
			"actions":     []string{"Admin", "Read", "Write", "List", "Tagging"},
		})
	}
	config := map[string]any{"identities": identities}
	if *kms != "" {
		provider := map[string]any{"type": "aws", "region": *region, "endpoint": *kms, "access_key": "sse-conformance", "secret_key": "sse-conformance"}
		config["kms"] = map[string]any{"default_provider": "conformance", "providers": map[string]any{"conformance": provider}}
	}
	content, _ := json.MarshalIndent(config, "", "  ")
	path := filepath.Join(*dir, "s3.json")
	if err := os.WriteFile(path, content, 0o600); err != nil {
		fail("writing %s: %v", path, err)
	}
	args = append(args, "-s3.config="+path)

	var mini *command.Command
	for _, c := range command.Commands {
		if c.Name() == "mini" {
			mini = c
		}
	}
	if mini == nil {
		fail("this SeaweedFS has no mini command")
	}
	util_http.InitGlobalHttpClient() // as weed's own main does before any command but mount
	if err := mini.Flag.Parse(args); err != nil {
		fail("%v", err)
	}
	go func() {
		mini.Run(mini, mini.Flag.Args())
		os.Exit(command.CommandExitStatus())
	}()

	endpoint := fmt.Sprintf("http://%s", net.JoinHostPort(*host, strconv.Itoa(s3Port)))
	client := &http.Client{Timeout: 2 * time.Second}
	for deadline := time.Now().Add(*timeout); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		res, err := client.Get(endpoint + "/")
		if err != nil {
			continue
		}
		res.Body.Close()
		fmt.Printf("listening on %s\n", endpoint)
		select {} // SeaweedFS's own interrupt hooks end the process
	}
	fail("the S3 gateway did not answer at %s within %s", endpoint, *timeout)
}
