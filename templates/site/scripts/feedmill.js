require('feedmill/hexo')(hexo);
