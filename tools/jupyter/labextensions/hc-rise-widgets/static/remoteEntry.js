var _JUPYTERLAB;
(_JUPYTERLAB = _JUPYTERLAB || {})["hc-rise-widgets"] = {
  init: function (scope) {
    if (scope["@jupyterlab/console"]) return; // full JupyterLab: the real package is there
    var module = { IConsoleTracker: { name: "@jupyterlab/console:IConsoleTracker", description: "" } };
    scope["@jupyterlab/console"] = {
      "4.0.0": { get: function () { return Promise.resolve(function () { return module; }); },
                 from: "hc-rise-widgets", eager: false, loaded: 1 }
    };
  },
  get: function (request) {
    return Promise.resolve(function () { return { __esModule: true, default: [] }; });
  }
};
