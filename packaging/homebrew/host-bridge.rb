# The Homebrew formula of host-bridge. This file is the template: the build writes the formula of
# the archive it made, with its version, url and SHA-256, to
# bridge-cli/target/dist/homebrew/host-bridge.rb (see the README, "Install").
class HostBridge < Formula
  desc "Reach Docker containers by IP address from a Mac that runs Docker in a VM"
  homepage "https://github.com/host-bridge/host-bridge"
  url "@URL@"
  version "@VERSION@"
  sha256 "@SHA256@"
  license "MIT"

  depends_on "openjdk"

  def install
    # The launcher finds its jar in ../lib and keeps its class-data-sharing archive there.
    libexec.install "bin", "lib"
    env = Language::Java.overridable_java_home_env
    env[:HOST_BRIDGE_CONFIG] = "${HOST_BRIDGE_CONFIG:-#{etc}/host-bridge/host-bridge.conf}"
    (bin/"host-bridge").write_env_script libexec/"bin/host-bridge", env
    bash_completion.install "completions/host-bridge.bash" => "host-bridge"
    # Your commands and the service share one state directory, so that status finds the watcher.
    inreplace "host-bridge.conf", "#HOST_BRIDGE_STATE_DIR=", "HOST_BRIDGE_STATE_DIR=#{var}/host-bridge"
    (etc/"host-bridge").install "host-bridge.conf"
    doc.install "README.md", "LICENSE"
  end

  def post_install
    (var/"host-bridge").mkpath
  end

  def caveats
    <<~EOS
      Your settings (strategy, tunnel, tap) are in
        #{etc}/host-bridge/host-bridge.conf
      Every host-bridge command reads them, and so does the service, which keeps the bridge up
      after every Docker restart (it runs `host-bridge watch` as root):
        sudo brew services start host-bridge
      Remove everything it changed before uninstalling:
        sudo brew services stop host-bridge
        sudo host-bridge uninstall --yes
    EOS
  end

  service do
    run [opt_bin/"host-bridge", "watch"]
    require_root true
    keep_alive true
    log_path var/"log/host-bridge.log"
    error_log_path var/"log/host-bridge.log"
  end

  test do
    assert_match "host-bridge #{version}", shell_output("#{bin}/host-bridge --version")
    # No Docker in the test sandbox: doctor still answers one JSON document (exit 4 then).
    report = JSON.parse(shell_output("#{bin}/host-bridge doctor --json || true"))
    assert_equal "doctor", report["command"]
  end
end
