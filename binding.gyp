# The project's N-API addon (native/): AF_PACKET and raw IPv4/IPv6 sockets with recvmsg
# ancillary data, and a timerfd timer, which no maintained npm package offers. `npm install`
# runs `node-gyp rebuild` because this file exists; the result is build/Release/keepalived_ts_native.node.
{
  "targets": [
    {
      "target_name": "keepalived_ts_native",
      "sources": [
        "native/addon.cc",
        "native/addresses.cc",
        "native/args.cc",
        "native/errors.cc",
        "native/interfaces.cc",
        "native/memory.cc",
        "native/netns.cc",
        "native/readable.cc",
        "native/receive.cc",
        "native/send.cc",
        "native/socket.cc",
        "native/sockopts.cc",
        "native/timer.cc"
      ],
      "dependencies": ["<!(node -p \"require('node-addon-api').targets\"):node_addon_api"],
      "defines": ["NAPI_VERSION=8"],
      "cflags_cc": ["-Wall", "-Wextra", "-Wno-unused-parameter"],
      "conditions": [
        ["OS!='linux'", { "type": "none", "sources": [] }]
      ]
    }
  ]
}
