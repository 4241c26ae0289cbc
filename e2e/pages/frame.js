// `frame.html?w=360&h=800&src=/?o=-created`: the site's page `src` in a frame of w × h CSS
// pixels, for engines whose windows cannot be made as narrow as a phone (Firefox stops at
// about 500 px, WebKit's MiniBrowser at about 450). The frame's viewport is then the page's
// viewport: media queries, container queries and the top layer all see the phone's width.
// `window.sizeFrame(w, h)` resizes it later without reloading the page inside.
const params = new URLSearchParams(location.search);
const frame = document.getElementById("frame");
window.sizeFrame = (w, h) => {
  frame.style.width = `${w}px`;
  frame.style.height = `${h}px`;
};
window.sizeFrame(Number(params.get("w") || 360), Number(params.get("h") || 800));
frame.src = params.get("src") || "/";
